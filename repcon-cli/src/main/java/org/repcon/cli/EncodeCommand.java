package org.repcon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repcon.autoencoders.experiment.LatentCsv;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.DataException;
import org.repcon.data.ImageSet;
import org.repcon.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon encode --model RUN_DIR --input IMAGES --out latents.csv}. The CSV is written atomically
 * ({@link LatentCsv}): a failed write (a full disk) leaves no partial file and exits with 2 and a message naming it.
 */
@Command(name = "encode", description = "Encode images with a trained autoencoder run into a CSV of latents.")
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed autoencoder run directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IMAGES",
            description = "a folder of PNG/JPEG images, one image file, or an IDX image file (.gz or not); resized to the model's size")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "output CSV: name,label,z0,z1,... (one row per image)")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (TrainedAutoencoder ae = TrainedAutoencoder.load(model)) {
            Path folder = out.toAbsolutePath().getParent();
            if (folder != null) { // before the encoding: the output's folder cannot be made (a file is in the way)
                AtomicFiles.createDirectories(folder);
            }
            ImageSet images = ae.readImages(input);
            double[][] z = ae.encode(images);
            LatentCsv.write(out, images, z);
            System.out.println("encoded " + images.size() + " image(s) from " + input + " into " + out + " (" + z[0].length
                    + " latent values each)");
            return 0;
        } catch (DataException | IllegalArgumentException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
