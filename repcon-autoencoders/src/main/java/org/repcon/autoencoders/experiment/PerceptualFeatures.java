package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.repcon.autoencoders.features.GaborBank;
import org.repcon.autoencoders.features.TorchScriptFeatures;
import org.repcon.data.DataException;

/**
 * The feature network of the perceptual loss, as {@code loss.perceptual_features} names it:
 * <ul>
 *   <li>{@code gabor}: the fixed Gabor/Sobel edge bank ({@link GaborBank});
 *   <li>{@code checkpoint:RUN_DIR}: the first convolution (and its ReLU) of a trained repcon autoencoder's
 *       encoder, frozen: its low-level feature maps, {@code [B, c1, H/2, W/2]};
 *   <li>{@code torchscript:FILE.pt}: a user's TorchScript module ({@link TorchScriptFeatures}).
 * </ul>
 */
final class PerceptualFeatures {
    private PerceptualFeatures() {}

    /**
     * Checks, without loading it, that the file or run {@code spec} names exists (before a run starts).
     *
     * @throws DataException naming the missing file
     */
    static void check(String spec) {
        if (spec.startsWith("torchscript:")) {
            Path file = Path.of(spec.substring("torchscript:".length())).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new DataException("loss.perceptual_features: TorchScript file " + file + " does not exist; export the "
                        + "feature network with torch.jit.script(module).save(\"features.pt\") and give its path");
            }
        } else if (spec.startsWith("checkpoint:")) {
            Path dir = Path.of(spec.substring("checkpoint:".length())).toAbsolutePath();
            for (String f : new String[] {"spec.yaml", AutoencoderExperiment.MODEL_FILE}) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    throw new DataException("loss.perceptual_features: " + dir + " is not a trained autoencoder run (no " + f
                            + "); give the directory of a completed 'repcon run autoencoder'");
                }
            }
        }
    }

    static AutoencoderExperiment.FeatureClosable open(String spec, NDManager root) {
        if (spec.equals("gabor")) {
            return new AutoencoderExperiment.FeatureClosable(new GaborBank(), null);
        }
        if (spec.startsWith("torchscript:")) {
            TorchScriptFeatures ts = TorchScriptFeatures.load(Path.of(spec.substring("torchscript:".length())));
            return new AutoencoderExperiment.FeatureClosable(ts, ts);
        }
        Path dir = Path.of(spec.substring("checkpoint:".length()));
        NDManager frozen = root.newSubManager();
        NDArray weight = null;
        NDArray bias = null;
        try (TrainedAutoencoder source = TrainedAutoencoder.load(dir)) {
            String weightName = null;
            for (Map.Entry<String, NDArray> e : source.parameters().asMap().entrySet()) {
                if (e.getValue().getShape().dimension() == 4) {
                    weightName = e.getKey();
                    break;
                }
            }
            if (weightName == null) {
                throw new IllegalArgumentException("loss.perceptual_features: " + dir + " has no convolution to take features from");
            }
            weight = copy(source.parameters().get(weightName), frozen);
            String biasName = weightName.replaceAll("weight$", "bias");
            if (source.parameters().asMap().containsKey(biasName)) {
                bias = copy(source.parameters().get(biasName), frozen);
            }
        }
        NDArray w = weight;
        NDArray b = bias;
        int pad = (int) (w.getShape().get(2) / 2);
        return new AutoencoderExperiment.FeatureClosable(images -> {
            if (images.getShape().get(1) != w.getShape().get(1)) {
                throw new IllegalArgumentException("perceptual features from " + dir + " expect " + w.getShape().get(1) + "-channel images, got "
                        + images.getShape());
            }
            return ai.djl.nn.Activation.relu(Conv2d.conv2d(images, w.toType(images.getDataType(), false), b == null ? null : b.toType(images.getDataType(), false),
                    new Shape(2, 2), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow());
        }, frozen);
    }

    private static NDArray copy(NDArray a, NDManager into) {
        try (NDScope scope = new NDScope()) {
            NDArray c = a.duplicate();
            c.attach(into);
            NDScope.unregister(c);
            return c;
        }
    }
}
