package org.stepdpo.engine.training.distributed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.NativeTorch;

/**
 * A c10d process group: rank 0 hosts a {@link TCPStore} at the rendezvous address, every rank joins through it, and
 * the collectives run on gloo (CPU tensors) or NCCL (CUDA tensors, one device per rank: cuda:LOCAL_RANK).
 *
 * <p>When a collective fails (a peer's connection closed, or nothing arrived within the timeout), each surviving rank
 * checks in under {@code stepdpo/failed/RANK} in the store and waits a little for the others to do the same: the ranks that
 * never check in are the ones that died or hang, and the error names them. If the store itself is gone, rank 0 (its
 * host) is the one that died.
 */
public final class C10dGroup implements DataParallel {

    /** How long survivors of a failed collective wait for each other to check in, at most. */
    private static final long CHECK_IN_MS = 10_000;
    private static final String FAILED = "failed/";

    private final Rendezvous rendezvous;
    private final ComputeDevice device;
    private final long bucketCapBytes;
    private final Store store;
    private final Backend backend;

    private C10dGroup(Rendezvous rendezvous, ComputeDevice device, long bucketCapBytes, Store store, Backend backend) {
        this.rendezvous = rendezvous;
        this.device = device;
        this.bucketCapBytes = bucketCapBytes;
        this.store = store;
        this.backend = backend;
    }

    /** Joins the group (blocks until every rank has, or the timeout); gloo for the CPU, NCCL for CUDA. */
    public static C10dGroup join(Rendezvous r, ComputeDevice device, long bucketCapBytes) {
        NativeTorch.ensureLoaded();
        long timeoutMs = r.timeout().toMillis();
        TCPStoreOptions options = new TCPStoreOptions();
        options.port((short) r.port()); // uint16_t in C++: ports above 32767 wrap to the same bits
        // torchrun's agent hosts the store itself and says so; every rank is its client then, as in torch
        options.isServer(r.rank() == 0 && !"true".equalsIgnoreCase(System.getenv("TORCHELASTIC_USE_AGENT_STORE")));
        options.numWorkers(new SizeTPointer(1).put(r.worldSize()));
        options.waitWorkers(false);
        setMillis(options.timeout(), timeoutMs);
        TCPStore store;
        try {
            store = new TCPStore(r.host(), options);
        } catch (RuntimeException e) {
            throw new IllegalStateException(r + ": cannot " + (r.rank() == 0 ? "open" : "reach") + " the rendezvous store "
                    + r.host() + ":" + r.port() + " within " + r.timeout().toSeconds() + " s: " + firstLine(e), e);
        }
        // The presets hand a Store to C++ as a new intrusive_ptr each time: a store may be passed once (a second
        // PrefixStore over the same TCPStore trips c10's refcount assertion), and from then on C++ owns it (the process
        // group frees the chain when it is destroyed), so Java must never free either.
        Store groupStore = new PrefixStore("stepdpo", store);
        store.deallocate(false);
        groupStore.deallocate(false);
        Backend backend;
        try {
            if (device.isCuda()) {
                ProcessGroupNCCL.Options nccl = ProcessGroupNCCL.Options.create();
                setMillis(nccl.timeout(), timeoutMs);
                backend = new ProcessGroupNCCL(groupStore, r.rank(), r.worldSize(), nccl);
            } else {
                ProcessGroupGloo.Options gloo = ProcessGroupGloo.Options.create();
                setMillis(gloo.timeout(), timeoutMs);
                gloo.devices().push_back(glooDevice(r));
                backend = new ProcessGroupGloo(groupStore, r.rank(), r.worldSize(), gloo);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(r + ": the " + (device.isCuda() ? "NCCL" : "gloo")
                    + " process group did not form within " + r.timeout().toSeconds() + " s: " + firstLine(e), e);
        }
        return new C10dGroup(r, device, bucketCapBytes, groupStore, backend);
    }

    /**
     * The CUDA device of a rank: cuda:LOCAL_RANK when the rank sees all of the machine's GPUs, modulo the GPUs it sees
     * (a launcher that gives each task one GPU through CUDA_VISIBLE_DEVICES leaves it cuda:0).
     */
    public static ComputeDevice deviceOfRank(Rendezvous r) {
        int visible = Math.max(1, (int) torch.cuda_device_count());
        return new ComputeDevice(ComputeDevice.Kind.CUDA, r.localRank() % visible);
    }

    /**
     * Writes a duration into a std::chrono::milliseconds that an options object holds (its accessor returns a reference
     * to the field). JavaCPP's own chrono natives are not in the jars this build ships, so Milliseconds cannot be
     * allocated from Java; the type is a single int64 count of milliseconds.
     */
    private static void setMillis(Milliseconds field, long millis) {
        new LongPointer(field).put(0, millis);
    }

    /** GLOO_SOCKET_IFNAME as torch reads it; loopback for a one-machine rendezvous; else the host's own address. */
    private static org.bytedeco.pytorch.gloo.Device glooDevice(Rendezvous r) {
        String iface = System.getenv("GLOO_SOCKET_IFNAME");
        if (iface != null && !iface.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(iface.split(",")[0].strip());
        }
        return r.isLoopback() ? ProcessGroupGloo.createDeviceForHostname("127.0.0.1")
                : ProcessGroupGloo.createDefaultDevice();
    }

    @Override
    public int rank() {
        return rendezvous.rank();
    }

    @Override
    public int worldSize() {
        return rendezvous.worldSize();
    }

    @Override
    public void averageGradients(List<Tensor> parameters) {
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            List<Tensor> grads = new ArrayList<>(parameters.size());
            for (Tensor p : parameters) {
                if (!p.grad().defined()) { // a parameter this rank's batch did not reach still joins the reduction
                    p.mutable_grad().put(torch.zeros_like(p));
                }
                grads.add(p.grad());
            }
            List<List<Integer>> buckets = bucketsOf(grads);
            for (int b = 0; b < buckets.size(); b++) {
                List<Tensor> members = buckets.get(b).stream().map(grads::get).toList();
                Tensor flat = flatten(members); // [sum of numel]
                String what = "all-reduce of gradient bucket " + (b + 1) + "/" + buckets.size();
                run(what, () -> backend.allreduce(new TensorVector(flat), sumOptions()));
                flat.div_(new Scalar((double) worldSize()));
                unflatten(flat, members);
            }
        }
    }

    @Override
    public double[] sum(double[] values, String what) {
        try (PointerScope scope = new PointerScope()) {
            Tensor t = Tensor.create(values).to(device.torchDevice(), torch.ScalarType.Double); // [n]
            run("all-reduce of " + what, () -> backend.allreduce(new TensorVector(t), sumOptions()));
            Tensor host = t.cpu().contiguous();
            double[] out = new double[values.length];
            new DoublePointer(host.data_ptr()).get(out);
            return out;
        }
    }

    @Override
    public void broadcastFrom(int root, Collection<Tensor> tensors, String what) {
        try (NoGradGuard noGrad = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            List<Tensor> all = List.copyOf(tensors);
            List<List<Integer>> buckets = bucketsOf(all);
            for (List<Integer> bucket : buckets) {
                List<Tensor> members = bucket.stream().map(all::get).toList();
                Tensor flat = flatten(members);
                BroadcastOptions options = new BroadcastOptions();
                options.rootRank(root);
                run("broadcast of " + what, () -> backend.broadcast(new TensorVector(flat), options));
                unflatten(flat, members);
            }
        }
    }

    @Override
    public void barrier(String what) {
        // an all-reduce of one number: gloo's barrier and NCCL's need no device setup this way
        sum(new double[] {1}, what);
    }

    private List<List<Integer>> bucketsOf(List<Tensor> tensors) {
        long[] bytes = new long[tensors.size()];
        String[] dtypes = new String[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            bytes[i] = tensors.get(i).nbytes();
            dtypes[i] = tensors.get(i).scalar_type().toString();
        }
        return GradientBuckets.plan(bytes, dtypes, bucketCapBytes);
    }

    private static Tensor flatten(List<Tensor> members) {
        TensorVector parts = new TensorVector();
        for (Tensor t : members) {
            parts.push_back(t.reshape(-1));
        }
        return torch.cat(parts).contiguous();
    }

    private static void unflatten(Tensor flat, List<Tensor> members) {
        long offset = 0;
        for (Tensor t : members) {
            long n = t.numel();
            t.copy_(flat.narrow(0, offset, n).view_as(t));
            offset += n;
        }
    }

    private static AllreduceOptions sumOptions() {
        AllreduceOptions o = new AllreduceOptions();
        o.reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM));
        return o;
    }

    private void run(String what, Supplier<Work> collective) {
        long t0 = System.nanoTime();
        try {
            collective.get()._wait();
        } catch (RuntimeException e) {
            throw failed(what, (System.nanoTime() - t0) / 1e9, e);
        }
    }

    /** Finds out which ranks are gone (see the class comment) and says so. */
    private RankFailureException failed(String what, double seconds, RuntimeException cause) {
        String context = String.format("%s failed on rank %d after %.1f s (process-group timeout %d s): %s", what,
                rank(), seconds, rendezvous.timeout().toSeconds(), firstLine(cause));
        List<Integer> silent = new ArrayList<>();
        try {
            store.set(FAILED + rank(), "1");
            long deadline = System.currentTimeMillis() + Math.min(CHECK_IN_MS, rendezvous.timeout().toMillis());
            for (int r = 0; r < worldSize(); r++) {
                silent.add(r);
            }
            silent.remove(Integer.valueOf(rank()));
            while (!silent.isEmpty() && System.currentTimeMillis() < deadline) {
                silent.removeIf(r -> store.check(new StringVector(FAILED + r)));
                if (!silent.isEmpty()) {
                    Thread.sleep(100);
                }
            }
        } catch (RuntimeException storeGone) {
            return new RankFailureException("rank 0 of " + worldSize() + " (the host of the rendezvous store "
                    + rendezvous.host() + ":" + rendezvous.port() + ") died or stopped answering: " + context,
                    List.of(0), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (silent.isEmpty()) {
            return new RankFailureException("every rank answered, yet the " + context, List.of(), cause);
        }
        return new RankFailureException((silent.size() == 1 ? "rank " + silent.get(0) : "ranks " + silent) + " of "
                + worldSize() + " died or stopped answering: the " + context, silent, cause);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        backend.close(); // frees the stores too (see join)
    }
}
