package org.stepdpo.reports.runs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * Table {@code runs}. Plain JPA rather than Panache: the entities belong to two persistence units (H2 and
 * PostgreSQL, one active at run time), which Panache does not support. Written only through a
 * {@link org.hibernate.StatelessSession}, so public fields are safe (no dirty tracking to bypass).
 */
@Entity
@Table(name = "runs")
public class RunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "runs_seq")
    @SequenceGenerator(name = "runs_seq", sequenceName = "runs_seq", allocationSize = 1)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunKind kind;

    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String model;
    @Column(nullable = false)
    public String benchmark;
    public String suite;
    @Column(name = "data_file")
    public String dataFile;
    @Column(name = "config_json", nullable = false)
    public String configJson;
    @Column(name = "project_version")
    public String projectVersion;
    @Column(name = "git_commit")
    public String gitCommit;
    public String device;
    @Column(name = "cpu_name")
    public String cpuName;
    @Column(name = "cpu_cores")
    public Integer cpuCores;
    @Column(name = "memory_bytes")
    public Long memoryBytes;
    @Column(name = "gpu_name")
    public String gpuName;
    @Column(name = "gpu_memory_bytes")
    public Long gpuMemoryBytes;
    @Column(name = "output_dir")
    public String outputDir;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;
    @Column(name = "status_message")
    public String statusMessage;
    @Column(name = "owner_host")
    public String ownerHost;
    @Column(name = "owner_pid")
    public Long ownerPid;
    @Column(name = "owner_started_at")
    public Instant ownerStartedAt;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "n_problems")
    public Integer nProblems;
    @Column(name = "n_samples")
    public Integer nSamples;
    @Column(name = "n_correct")
    public Integer nCorrect;
    @Column(name = "n_first_correct")
    public Integer nFirstCorrect;
    public Double accuracy;
    @Column(name = "pass_at_1")
    public Double passAt1;
    @Column(name = "maj_at_k")
    public Double majAtK;
    @Column(name = "maj_k")
    public Integer majK;
    @Column(name = "mean_steps")
    public Double meanSteps;

    /** The process that runs (or ran) this run, or null for runs stored before owners were recorded. */
    RunOwner owner() {
        return ownerHost == null || ownerPid == null ? null : new RunOwner(ownerHost, ownerPid, ownerStartedAt);
    }

    void ownedBy(RunOwner owner) {
        ownerHost = owner.host();
        ownerPid = owner.pid();
        ownerStartedAt = owner.startedAt();
    }

    /** RUNNING as stored, unless its process is gone: then INTERRUPTED (never stored, always derived). */
    RunStatus effectiveStatus() {
        RunOwner owner = owner();
        return status == RunStatus.RUNNING && owner != null && owner.gone() ? RunStatus.INTERRUPTED : status;
    }

    RunView view() {
        RunStatus shown = effectiveStatus();
        String message = shown == RunStatus.INTERRUPTED
                ? owner().describe() + " ended without finishing the run; resume it to continue" : statusMessage;
        RunSummary summary = status == RunStatus.FINISHED
                ? new RunSummary(nProblems, nSamples, nCorrect, nFirstCorrect, passAt1, majAtK, majK, meanSteps)
                : null;
        return new RunView(id, kind, name, model, benchmark, suite, dataFile, configJson, projectVersion, gitCommit,
                device, outputDir, shown, message, startedAt, finishedAt, summary,
                cpuName == null && cpuCores == null && memoryBytes == null && gpuName == null && gpuMemoryBytes == null
                        ? null : new DeviceFacts(cpuName, cpuCores, memoryBytes, gpuName, gpuMemoryBytes));
    }
}
