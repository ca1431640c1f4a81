/**
 * Plots (PNG) and self-contained HTML reports for experiment run directories.
 *
 * <p>{@link org.repcon.report.LinePlot} (XChart based) draws line and scatter series,
 * {@link org.repcon.report.HeatMap} draws 2-D fields with a colorbar (plain Java2D),
 * {@link org.repcon.report.ImageGrid} tiles grayscale images, {@link org.repcon.report.HtmlReport}
 * assembles an HTML page with embedded (base64) PNGs, and {@link org.repcon.report.MetricsCsv} /
 * {@link org.repcon.report.LossCurves} turn a {@code metrics.csv} into a loss-curve plot.
 * Everything renders into {@link java.awt.image.BufferedImage}s and works headless.
 */
package org.repcon.report;
