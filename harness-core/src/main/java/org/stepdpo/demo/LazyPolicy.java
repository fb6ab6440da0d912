package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;

/**
 * The SFT model as the pipeline's policy, loaded on the first request only: a resumed demo whose data loop
 * is finished never loads it.
 */
final class LazyPolicy implements Generator {

    private final Path model;
    private final String name;
    private final String device;
    private NativeGenerator loaded;

    LazyPolicy(Path model, String name, String device) {
        this.model = model;
        this.name = name;
        this.device = device;
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
        return generator().generate(requests, sampling);
    }

    private synchronized NativeGenerator generator() {
        if (loaded == null) {
            loaded = new NativeGenerator(TorchLanguageModel.load(model, DeviceChoice.parse(device), null), name, true);
        }
        return loaded;
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }
}
