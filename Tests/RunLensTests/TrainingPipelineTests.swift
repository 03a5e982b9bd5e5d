import Foundation
import Testing

@testable import RunLens

/// The training detectors behind the real pipeline (readers, run assembly, every detector
/// family, the incident builder) on the cases, the corpus and synthetic runs on disk.
struct TrainingPipelineTests {
    static let trainingIds = Set(
        DetectorCatalog.families[0].ids + ["throughput_drop", "data_bottleneck"])

    /// Analyzes `inputs` (paths under `fixtures/`, or absolute) with every detector family.
    static func analyze(_ inputs: [String]) throws -> (
        result: AnalysisResult, incidents: [Incident]
    ) {
        let paths = inputs.map { $0.hasPrefix("/") ? $0 : FleetPaths.path($0) }
        let analyzer = Analyzer(options: AnalysisOptions(inputs: paths))
        let suite = DetectorSuite()
        suite.register(with: analyzer)
        let result = try analyzer.run()
        return (result, suite.incidents(for: result))
    }

    /// The training incidents of `input`.
    static func training(_ input: String) throws -> [Incident] {
        try analyze([input]).incidents.filter { trainingIds.contains($0.detector) }
    }

    @Test func case01ChainerNaNIsOneCriticalDivergenceAndNothingElse() throws {
        let incidents = try Self.training("cases/01-chainer-log-nan.json")

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "divergence")
        #expect(incident.severity == .critical)
        #expect(incident.metric == "main/loss")
        #expect(incident.startStep == 2200)
        #expect(incident.endStep == 3000)
        // The array entry of iteration 2200 opens at physical line 155.
        #expect(incident.location?.hasSuffix("01-chainer-log-nan.json:155") == true)
    }

    @Test func case02ReplayedStepsAreNoSpikeOrDivergence() throws {
        let (result, incidents) = try Self.analyze(["cases/02-resume-replayed-steps.jsonl"])

        #expect(result.overview.resumes.count == 1)
        #expect(incidents.isEmpty)
    }

    @Test func case05LossScaleCollapseIsOneCriticalIncidentWithTheSkippedSteps() throws {
        let incidents = try Self.training("cases/05-loss-scale-collapse.jsonl")

        #expect(incidents.map(\.detector) == ["loss_scale_collapse"])
        let incident = try #require(incidents.first)
        #expect(incident.severity == .critical)
        #expect(incident.startStep == 61)
        #expect(incident.endStep == 120)
        #expect(incident.evidence.contains("60 consecutive halvings from 8192 to 7.105e-15"))
        #expect(incident.evidence.contains("skipped_steps went 4 → 64: 60 steps skipped"))
    }

    @Test func case07GradientNormFirstIsOneDivergenceFromStep41() throws {
        let incidents = try Self.training("cases/07-gradnorm-nonfinite-before-loss.jsonl")

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "divergence")
        #expect(incident.metric == "grad_norm")
        #expect(incident.startStep == 41)
        #expect(incident.endStep == 60)
        #expect(incident.peak == .infinity)
        #expect(incident.evidence.contains("loss followed: first non-finite NaN at step 44"))
    }

    @Test func case10KerasOverfittingWarnsFromEpoch23() throws {
        let incidents = try Self.training("cases/10-keras-csvlogger-valfreq.csv")

        #expect(incidents.count == 1)
        #expect(incidents.first?.detector == "overfitting")
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.startStep == 23)
    }

    @Test func case17MlflowOverfittingWarnsFromStep300() throws {
        let incidents = try Self.training("cases/17-mlflow-run")

        #expect(incidents.count == 1)
        #expect(incidents.first?.detector == "overfitting")
        #expect(incidents.first?.metric == "eval/loss")
        #expect(incidents.first?.startStep == 300)
    }

    @Test(arguments: [
        "cases/18-val-step0-after-resume.jsonl", "cases/04-two-writers-one-file.jsonl",
        "cases/11-straggler-masked-by-allreduce",
    ])
    func casesWithoutATrainingFaultRaiseNoTrainingIncident(input: String) throws {
        #expect(try Self.training(input).isEmpty)
    }

    /// Analyzes `text` written to a temporary `name`.
    static func analyze(text: String, name: String) throws -> [Incident] {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runlens-train-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: path)
        return try analyze([path.path]).incidents
    }

    /// A loss falling smoothly from about 3 to 1.07 over 1000 steps, with a ±1% alternating
    /// wiggle on the fall, and `25` at step 500 only: the mean of steps 400–499 is about
    /// 1.45, so 25 is over 17× it, a spike that is back at once. Nothing rises for good.
    @Test func singleStepOutlierIsOneCriticalSpikeAndNoDivergence() throws {
        let lines = (1...1000).map { step -> String in
            let smooth = 1 + 2 * exp(-Double(step) / 300) * (1 + 0.01 * Double(step % 2 * 2 - 1))
            let loss = step == 500 ? 25 : smooth
            return "{\"step\": \(step), \"loss\": \(loss)}"
        }

        let incidents = try Self.analyze(text: lines.joined(separator: "\n"), name: "run.jsonl")

        #expect(incidents.map(\.detector) == ["loss_spike"])
        #expect(incidents.first?.severity == .critical)
        #expect(incidents.first?.startStep == 500)
        #expect(incidents.first?.endStep == 500)
    }

    @Test func whisperTrainerStateOverfitsFromItsFirstEvaluation() throws {
        let incidents = try Self.training(
            "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json")

        #expect(incidents.map(\.detector) == ["overfitting"])
        #expect(incidents.first?.metric == "eval_loss")
        #expect(incidents.first?.startStep == 1000)
        #expect(incidents.first?.endStep == 5000)
    }

    @Test func lightningRunThatNeverLearnsIsAPlateau() throws {
        let incidents = try Self.training(
            "corpus/lightning-metrics-csv/slm_training_version_7_metrics.csv")

        #expect(incidents.map(\.detector) == ["loss_plateau"])
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.endStep == 10999)
    }

    @Test func mmengineRunWaitingOnDataIsADataBottleneck() throws {
        let incidents = try Self.training(
            "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_144938.json")

        #expect(incidents.map(\.detector) == ["data_bottleneck"])
        #expect(incidents.first?.startStep == 30)
        #expect(incidents.first?.message.contains("step time minus data time") == true)
    }

    @Test func detectronRestartsAreResumesNotSpikes() throws {
        for input in [
            "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json",
            "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json.zst",
        ] {
            let (result, incidents) = try Self.analyze([input])
            #expect(result.overview.resumes.count == 4)
            #expect(incidents.filter { Self.trainingIds.contains($0.detector) }.isEmpty)
        }
    }

    @Test(arguments: [
        "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.json",
        "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.lines97-133.json",
        "corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv",
        "corpus/lightning-metrics-csv/slm_training_version_8_metrics.csv",
        "corpus/lightning-metrics-csv/slm_training_version_10_metrics.csv",
        "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_142419.json",
        "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_152037.json",
        "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_161234.json",
        "corpus/detr-style-log-jsonl/retfound_output_dir_log.txt",
        "corpus/mmcv-log-json/fengyouliang_20200720_054407.head25.log.json",
        "corpus/wandb-history-jsonl/spaceinvaders_wandb-history.head100.jsonl",
    ])
    func healthyCorpusRunsRaiseNoTrainingIncident(input: String) throws {
        #expect(try Self.training(input).isEmpty)
    }
}
