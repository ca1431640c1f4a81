package org.repcon.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a folder of image files (or one image file) as an {@link ImageSet} of a fixed size.
 *
 * <p>Layouts:
 * <ul>
 *   <li>a single image file: one image, named by its file name, no labels;</li>
 *   <li>a folder of images: all of them, sorted by file name, named by file name, no labels;</li>
 *   <li>a folder of subfolders only: each subfolder is a class. Subfolders sorted by name get labels 0, 1, ...
 *       ({@link #classNames}); within a class, files are sorted by name; names are {@code "subfolder/file.png"}.</li>
 * </ul>
 * Image files are those ending in .png, .jpg, .jpeg, .bmp or .gif (any case); other files and hidden entries
 * (starting with a dot) are ignored. Every image is converted to {@code channels} channels and resized to
 * height x width by {@link ImageFiles#read(Path, int, int, int)} (luma for grayscale, alpha ignored, area averaging
 * when shrinking, bilinear when enlarging).
 */
public final class ImageFolder {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageFolder() {}

    /**
     * The images in {@code dirOrFile}, each [channels, height, width] with values in [0, 1].
     *
     * @param channels 1 (grayscale) or 3 (RGB)
     * @throws DataException if the path does not exist, a folder holds no images, mixes images and subfolders, has an
     *     empty class subfolder, or an image cannot be decoded (the message names the file)
     */
    public static ImageSet load(Path dirOrFile, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
        }
        Listing listing = list(dirOrFile);
        List<Path> files = listing.files();
        int per = channels * height * width;
        float[] pixels = new float[files.size() * per];
        for (int i = 0; i < files.size(); i++) {
            float[] one = ImageFiles.read(files.get(i), channels, height, width);
            System.arraycopy(one, 0, pixels, i * per, per);
        }
        return new ImageSet(dirOrFile.toString(), channels, height, width, pixels, listing.labels(), List.copyOf(listing.names()));
    }

    /**
     * Checks, without decoding any image, that {@code dirOrFile} is an image file or a folder {@link #load} accepts
     * (images, or class subfolders each holding images), and returns the number of images. Use it before a run starts.
     *
     * @throws DataException if the path does not exist, or a folder holds no images, mixes images and subfolders, or
     *     has an empty class subfolder (the message names it)
     */
    public static int check(Path dirOrFile) {
        return list(dirOrFile).files().size();
    }

    /** The image files of a path with their names and (for class subfolders) labels. */
    private record Listing(List<Path> files, List<String> names, int[] labels) {}

    private static Listing list(Path dirOrFile) {
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int[] labels = null;
        if (Files.isRegularFile(dirOrFile)) {
            files.add(dirOrFile);
            names.add(dirOrFile.getFileName().toString());
        } else if (Files.isDirectory(dirOrFile)) {
            List<Path> images = images(dirOrFile);
            List<Path> subfolders = subfolders(dirOrFile);
            if (!images.isEmpty() && !subfolders.isEmpty()) {
                throw new DataException("folder " + dirOrFile + " holds both images (" + images.get(0).getFileName()
                        + ", ...) and subfolders (" + subfolders.get(0).getFileName() + ", ...). Put all images directly "
                        + "in the folder, or all in class subfolders (one subfolder per class).");
            }
            if (!images.isEmpty()) {
                for (Path p : images) {
                    files.add(p);
                    names.add(p.getFileName().toString());
                }
            } else if (!subfolders.isEmpty()) {
                List<Integer> classOf = new ArrayList<>();
                for (int k = 0; k < subfolders.size(); k++) {
                    Path sub = subfolders.get(k);
                    List<Path> inClass = images(sub);
                    if (inClass.isEmpty()) {
                        throw new DataException("class folder " + sub + " holds no images (.png, .jpg, .jpeg, .bmp, "
                                + ".gif); add images to it or remove it.");
                    }
                    for (Path p : inClass) {
                        files.add(p);
                        names.add(sub.getFileName() + "/" + p.getFileName());
                        classOf.add(k);
                    }
                }
                labels = classOf.stream().mapToInt(Integer::intValue).toArray();
            } else {
                throw new DataException("folder " + dirOrFile + " holds no images (.png, .jpg, .jpeg, .bmp, .gif) and no "
                        + "class subfolders; put the images there or point data.dir at the folder that holds them.");
            }
        } else {
            throw new DataException("image folder or file " + dirOrFile + " does not exist; check the path (data.dir "
                    + "in the spec).");
        }
        return new Listing(files, names, labels);
    }

    /**
     * The class names of a folder of class subfolders (the sorted subfolder names; label k is entry k), or an empty
     * list for a single file or a folder of images.
     */
    public static List<String> classNames(Path dirOrFile) {
        if (!Files.isDirectory(dirOrFile) || !images(dirOrFile).isEmpty()) {
            return List.of();
        }
        return subfolders(dirOrFile).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** True if the file name ends in a supported image extension (any case). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> images(Path dir) {
        return entries(dir).stream().filter(p -> Files.isRegularFile(p) && isImageFile(p)).toList();
    }

    private static List<Path> subfolders(Path dir) {
        return entries(dir).stream().filter(Files::isDirectory).toList();
    }

    /** Non-hidden entries of a folder, sorted by name. */
    private static List<Path> entries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DataException("cannot list folder " + dir + ": " + e + "; check that it exists and is readable.",
                    e);
        }
    }
}
