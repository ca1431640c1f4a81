package org.repcon.report;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look every repcon chart shares: sans-serif fonts scaled to the image, white background, light grid. */
final class ChartStyle {
    private ChartStyle() {}

    /**
     * Applies the shared style.
     *
     * @param fontSize base font size in points (titles are 2 larger, tick labels and legend 1 smaller)
     */
    static Font apply(AxesChartStyler st, int fontSize, boolean titleVisible, Styler.LegendPosition legend) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
        st.setBaseFont(base);
        st.setChartTitleFont(base.deriveFont(Font.BOLD, fontSize + 2f));
        st.setChartTitleVisible(titleVisible);
        st.setChartTitleBoxVisible(false);
        st.setAxisTitleFont(base);
        st.setAxisTickLabelsFont(base.deriveFont(fontSize - 1f));
        st.setLegendFont(base.deriveFont(fontSize - 1f));
        st.setLegendPosition(legend);
        st.setLegendBorderColor(new Color(0xbbbbbb));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setPlotGridLinesColor(new Color(0xe3e3e3));
        st.setChartPadding(Math.max(8, fontSize));
        st.setLocale(Locale.ROOT);
        return base;
    }
}
