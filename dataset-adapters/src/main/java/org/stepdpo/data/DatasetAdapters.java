package org.stepdpo.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The dataset adapters on the class path, found with {@link ServiceLoader} through
 * {@code META-INF/services/org.stepdpo.data.DatasetAdapter}.
 */
public final class DatasetAdapters {

    private DatasetAdapters() {
    }

    /** Every adapter, sorted by name; fails when two share a name. */
    public static List<DatasetAdapter> all() {
        List<DatasetAdapter> adapters = new ArrayList<>();
        ServiceLoader.load(DatasetAdapter.class).forEach(adapters::add);
        adapters.sort(Comparator.comparing(DatasetAdapter::name));
        for (int i = 1; i < adapters.size(); i++) {
            if (adapters.get(i).name().equals(adapters.get(i - 1).name())) {
                throw new IllegalStateException("two dataset adapters are named \"" + adapters.get(i).name()
                        + "\": " + adapters.get(i - 1).getClass().getName() + " and "
                        + adapters.get(i).getClass().getName());
            }
        }
        return List.copyOf(adapters);
    }

    /** The names of {@link #all()}, sorted. */
    public static List<String> names() {
        return all().stream().map(DatasetAdapter::name).toList();
    }

    /** The adapter called {@code name}; an unknown name fails with the list of known ones. */
    public static DatasetAdapter byName(String name) {
        List<DatasetAdapter> adapters = all();
        return adapters.stream()
                .filter(adapter -> adapter.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset adapter \"" + name
                        + "\"; known adapters: " + adapters.stream().map(DatasetAdapter::name)
                        .collect(Collectors.joining(", "))));
    }
}
