package org.repcon.autoencoders.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.engine.Engines;

/**
 * Features from a user's TorchScript module (a file written by {@code torch.jit.script(m).save(path)} or
 * {@code torch.jit.trace}), e.g. the first blocks of a pretrained VGG for a classic perceptual loss. The module
 * runs in libtorch through DJL's PyTorch engine, in evaluation mode ({@code module.eval()}), with autograd
 * enabled so that gradients flow back to the input images; its own parameters are loaded without
 * {@code requires_grad} and never optimised.
 *
 * <p>{@link #features}: images [B, C, H, W] (the data type and channel count the module expects) to whatever
 * single tensor the module's {@code forward} returns, [B, F, h, w] or [B, F]. The result belongs to the images'
 * manager. Close this object to free the module.
 */
public final class TorchScriptFeatures implements FeatureExtractor, AutoCloseable {
    private final Path file;
    private final NDManager manager;
    private final PtSymbolBlock module;

    private TorchScriptFeatures(Path file, NDManager manager, PtSymbolBlock module) {
        this.file = file;
        this.manager = manager;
        this.module = module;
    }

    /**
     * Loads a TorchScript file on the CPU.
     *
     * @throws IllegalArgumentException naming the file if it does not exist or is not a TorchScript module
     */
    public static TorchScriptFeatures load(Path file) {
        Path abs = file.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("TorchScript file not found: " + abs);
        }
        Engines.start();
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            // loaded as trainable: otherwise libtorch creates the parameters as inference tensors, which autograd
            // refuses to save for the backward pass to the images; then switched to requires_grad = false
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, abs, false, new String[0],
                    new String[0], true);
            for (NDArray p : JniUtils.moduleGetParams(module, (PtNDManager) manager)) {
                JniUtils.attachGradient((PtNDArray) p, false);
            }
            JniUtils.enableInferenceMode(module); // module.eval(): dropout off, batch norm uses running stats
            return new TorchScriptFeatures(abs, manager, module);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("cannot load TorchScript module from " + abs + ": " + e.getMessage(), e);
        }
    }

    /** The file this module was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public NDArray features(NDArray images) {
        // DJL's block API would run forward under NoGradGuard in inference; run the method with autograd on
        NDList out = IValueUtils.forward(module, new NDList(images), true);
        if (out.size() != 1) {
            out.close();
            throw new IllegalStateException("TorchScript module " + file + " returned " + out.size()
                    + " tensors; a feature extractor must return one");
        }
        return out.get(0);
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
