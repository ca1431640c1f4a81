package org.repcon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repcon.autoencoders.experiment.LatentCsv;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.DataException;
import org.repcon.data.ImageFiles;
import org.repcon.data.ImageSet;
import org.repcon.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon decode --model RUN_DIR --input latents.csv --out DIR}. Each PNG is written atomically (a failed
 * write, e.g. on a full disk, leaves no partial file and exits with 2 and a message naming the file).
 */
@Command(name = "decode", description = "Decode a CSV of latents (as written by 'repcon encode') into PNG images.")
final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed autoencoder run directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "latents: name[,label],z0,z1,... with a header row")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the decoded PNGs (created; existing files of the same name are replaced)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (TrainedAutoencoder ae = TrainedAutoencoder.load(model)) {
            LatentCsv.Latents latents = LatentCsv.read(input, ae.latentSize());
            AtomicFiles.createDirectories(out);
            ImageSet images = ae.decode(latents.values());
            for (int i = 0; i < images.size(); i++) {
                String name = LatentCsv.pngName(latents.names().get(i), i);
                float[] chw = java.util.Arrays.copyOfRange(images.pixels(), i * images.imageSize(), (i + 1) * images.imageSize());
                ImageFiles.writePng(out.resolve(name), chw, images.channels(), images.height(), images.width());
            }
            System.out.println("decoded " + images.size() + " latent(s) from " + input + " into " + out);
            return 0;
        } catch (DataException | IllegalArgumentException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
