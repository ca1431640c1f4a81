package org.repcon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code repcon decode --model RUN_DIR --input latents.csv --out DIR}. Rows whose names give the same PNG file are
 * refused before anything is written; each PNG is written atomically (a failed write, e.g. on a full disk, leaves no
 * partial file and exits with 2 and a message naming the file).
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
            List<Path> files = pngFiles(out, latents.names(), input);
            AtomicFiles.createDirectories(out);
            ImageSet images = ae.decode(latents.values());
            for (int i = 0; i < images.size(); i++) {
                float[] chw = java.util.Arrays.copyOfRange(images.pixels(), i * images.imageSize(), (i + 1) * images.imageSize());
                ImageFiles.writePng(files.get(i), chw, images.channels(), images.height(), images.width());
            }
            System.out.println("decoded " + images.size() + " latent(s) from " + input + " into " + out);
            return 0;
        } catch (DataException | IllegalArgumentException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /**
     * The PNG file of each row ({@link LatentCsv#pngName} in {@code dir}).
     *
     * @throws IllegalArgumentException if two rows would be written to the same file, naming both rows and the file
     */
    static List<Path> pngFiles(Path dir, List<String> names, Path input) {
        List<Path> files = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String png = LatentCsv.pngName(names.get(i), i);
            Integer before = rowOf.putIfAbsent(png, i);
            if (before != null) {
                throw new IllegalArgumentException(input + ": rows " + (before + 1) + " ('" + names.get(before) + "') and " + (i + 1)
                        + " ('" + names.get(i) + "') would both be decoded to " + dir.resolve(png)
                        + "; give the rows distinct names (nothing was written)");
            }
            files.add(dir.resolve(png));
        }
        return files;
    }
}
