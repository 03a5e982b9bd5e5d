import Foundation
import Testing

/// Ultralytics `results.csv`, a loss logged in parts with no total, through the built binary:
/// `fixtures/ultralytics/make-results.py` builds each file from closed formulas (README.md
/// there), and the expected figures below are worked out by hand from its printed values.
struct UltralyticsResultsTests {
    static func analyze(_ file: String) throws -> BinaryRunner.Outcome {
        try BinaryRunner.run(["analyze", "-q", BinaryRunner.fixture("ultralytics/\(file)")])
    }

    static func incidents(_ run: BinaryRunner.Outcome) -> [[String: String]] {
        CSVTestReader.records(run.output("incidents.csv"))
    }

    static func roles(_ run: BinaryRunner.Outcome) throws -> [String: String] {
        try run.summary()["roles"] as? [String: String] ?? [:]
    }

    /// The run's one incident, checked to be a warning of `overfitting` with `figures`:
    /// metric, start step, end step, peak and count, as `incidents.csv` writes them.
    @discardableResult
    static func onlyOverfitting(_ run: BinaryRunner.Outcome, _ figures: [String]) throws
        -> [String: String]
    {
        let incidents = Self.incidents(run)
        #expect(incidents.count == 1, "\(incidents)")
        let incident = try #require(incidents.first)
        #expect(incident["detector"] == "overfitting")
        #expect(incident["severity"] == "warning")
        let columns = ["metric", "start_step", "end_step", "peak", "count"]
        #expect(columns.map { incident[$0] ?? "" } == figures, "\(incident)")
        return incident
    }

    @Test func yolov5PartsAndParameterGroupsTakeRoles() throws {
        let run = try Self.analyze("yolov5-clean-results.csv")

        #expect(
            try Self.roles(run) == [
                "train/box_loss": "train_loss", "train/obj_loss": "train_loss",
                "train/cls_loss": "train_loss", "val/box_loss": "val_loss",
                "val/obj_loss": "val_loss", "val/cls_loss": "val_loss",
                "x/lr0": "learning_rate", "x/lr1": "learning_rate", "x/lr2": "learning_rate",
                "metrics/precision": "quality", "metrics/recall": "quality",
                "metrics/mAP_0.5": "quality", "metrics/mAP_0.5:0.95": "quality",
            ])
    }

    /// Every train part falls at every epoch and every validation part with it: nothing to
    /// report, and a pass that judged the losses, not "nothing judged".
    @Test func aCleanRunPasses() throws {
        let run = try Self.analyze("yolov5-clean-results.csv")

        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.incidents(run).isEmpty)
        #expect(run.output("report.md").contains("**PASS** — no incidents"))
    }

    /// `val/box_loss` falls to 0.039366 at epoch 14, then rises 3% an epoch (0.040547 at 15,
    /// 0.041764 at 16, ... 0.061332 at 29) while `train/box_loss` falls at every epoch. The rule
    /// (2 rises in a row while the train loss falls, climbing more than 1% and more than 4
    /// standard deviations of the evaluations' noise, which this smooth curve keeps small)
    /// first holds at epoch 16, the stretch starting at its first rise, 15, and holds at each
    /// of the 14 epochs 16-29.
    @Test func validationBoxLossTurningUpIsOverfitting() throws {
        let run = try Self.analyze("yolov5-overfit-results.csv")

        let incident = try Self.onlyOverfitting(
            run, ["val/box_loss", "15", "29", "0.061332", "14"])
        // 1.5 × the train loss at the peak's evaluation, epoch 29's own: 1.5 × 0.032355, which
        // in doubles is 0.048532500000000006 (Python: repr(1.5 * 0.032355)).
        #expect(incident["threshold"] == "0.048532500000000006")
        #expect(
            incident["message"]?.hasPrefix(
                "val/box_loss rose at 2 evaluations in a row (0.0394 → 0.0405 → 0.0418) while"
                    + " the train loss fell") == true, "\(incident)")
        // A warning does not fail the run at the default --fail-on critical.
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Each validation part is held against the training part of its name: `val/obj_loss`
    /// (0.9 × `train/obj_loss`) would be above 1.5 × `train/box_loss` from epoch 10 on
    /// (0.064696 against 1.5 × 0.032626 at epoch 29), so it is no incident only when paired
    /// with `train/obj_loss`.
    @Test func eachValidationPartMeetsItsOwnTrainPart() throws {
        let run = try Self.analyze("yolov5-overfit-results.csv")

        #expect(!Self.incidents(run).contains { $0["metric"] == "val/obj_loss" })
        #expect(!Self.incidents(run).contains { $0["metric"] == "val/cls_loss" })
    }

    /// YOLOv8: epochs 1-30, `val/dfl_loss` rises 2% an epoch from epoch 21 (1.0376 at 21, ...
    /// 1.24 at 30): the rule first holds at 22, nine evaluations 22-30 break it.
    @Test func yolov8DistributionFocalLossTurningUpIsOverfitting() throws {
        let run = try Self.analyze("yolov8-overfit-results.csv")

        let roles = try Self.roles(run)
        #expect(roles["train/dfl_loss"] == "train_loss")
        #expect(roles["val/dfl_loss"] == "val_loss")
        #expect(roles["lr/pg0"] == "learning_rate")
        #expect(roles["metrics/mAP50(B)"] == "quality")
        #expect(roles["metrics/precision(B)"] == "quality")
        try Self.onlyOverfitting(run, ["val/dfl_loss", "21", "30", "1.24", "9"])
    }

    /// The real head (epochs 0 and 1): every validation part is below its train part
    /// (box 0.041406 against 0.044359, obj 0.038171 against 0.058406, cls 0.010942 against
    /// 0.017296) and falls at epoch 1, and two points are too few for a spike or a
    /// divergence: a pass, no longer "nothing was judged".
    @Test func theRealHeadPasses() throws {
        let run = try BinaryRunner.run([
            "analyze", "-q",
            BinaryRunner.fixture("corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv"),
        ])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.incidents(run).isEmpty)
        #expect(run.output("report.md").contains("**PASS** — no incidents"))
    }
}
