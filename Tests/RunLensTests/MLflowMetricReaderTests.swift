import Testing

@testable import RunLens

struct MLflowMetricReaderTests {
    typealias Event = FieldRecorder.Event

    struct LineCase: CustomTestStringConvertible, Sendable {
        var name: String
        var line: String
        var result: MLflowLineResult
        var events: [Event]
        var testDescription: String { name }
    }

    static let lines: [LineCase] = [
        .init(
            name: "point", line: "1715677200000 0.0003 0", result: .record,
            events: [
                .number("step", 0), .number("timestamp", 1_715_677_200_000), .number("lr", 0.0003),
            ]),
        .init(
            name: "carriage return", line: "1715677212000 0.00029499999999999996 10\r",
            result: .record,
            events: [
                .number("step", 10), .number("timestamp", 1_715_677_212_000),
                .number("lr", 0.00029499999999999996),
            ]),
        .init(
            name: "nan value", line: "1 nan 5", result: .record,
            events: [.number("step", 5), .number("timestamp", 1), .number("lr", .nan)]),
        .init(
            name: "negative infinity", line: "1 -inf 5", result: .record,
            events: [.number("step", 5), .number("timestamp", 1), .number("lr", -.infinity)]),
        .init(
            name: "Java-style Infinity", line: "1 Infinity 5", result: .record,
            events: [.number("step", 5), .number("timestamp", 1), .number("lr", .infinity)]),
        .init(
            name: "exponent value", line: "1 1e-05 2", result: .record,
            events: [.number("step", 2), .number("timestamp", 1), .number("lr", 0.00001)]),
        .init(
            name: "extra spaces", line: "  1   2.5  3 ", result: .record,
            events: [.number("step", 3), .number("timestamp", 1), .number("lr", 2.5)]),
        .init(
            name: "negative step", line: "1 2 -1", result: .record,
            events: [.number("step", -1), .number("timestamp", 1), .number("lr", 2)]),
        .init(
            name: "before MLflow 1.0: no step", line: "1715677200000 0.5", result: .record,
            events: [.number("timestamp", 1_715_677_200_000), .number("lr", 0.5)]),
        .init(name: "empty", line: "", result: .empty, events: []),
        .init(name: "spaces", line: "   \r", result: .empty, events: []),
        .init(
            name: "one field", line: "0.0003",
            result: .malformed("expected '<timestamp> <value> <step>', found 1 field"),
            events: []),
        .init(
            name: "four fields", line: "1 2 3 4",
            result: .malformed("expected '<timestamp> <value> <step>', found 4 fields"),
            events: []),
        .init(
            name: "text timestamp", line: "yesterday 2 3",
            result: .malformed("timestamp is not an integer: 'yesterday'"),
            events: []),
        .init(
            name: "fractional timestamp", line: "1.5 2 3",
            result: .malformed("timestamp is not an integer: '1.5'"),
            events: []),
        .init(
            name: "text value", line: "1 high 3",
            result: .malformed("value is not a number: 'high'"), events: []),
        .init(
            name: "fractional step", line: "1 2 3.5",
            result: .malformed("step is not an integer: '3.5'"), events: []),
        .init(
            name: "long bad value is cut", line: "1 \(String(repeating: "x", count: 50)) 3",
            result: .malformed("value is not a number: '\(String(repeating: "x", count: 40))...'"),
            events: []),
        .init(
            name: "YAML line", line: "status: 3",
            result: .malformed("timestamp is not an integer: 'status:'"), events: []),
    ]

    @Test(arguments: lines)
    func readsLines(_ test: LineCase) {
        let reader = MLflowMetricReader(metricName: "lr")
        var recorder = FieldRecorder()
        let result = Array(test.line.utf8).withUnsafeBytes {
            reader.read(line: $0, visitor: &recorder)
        }

        #expect(result == test.result)
        #expect(recorder.events == test.events)
    }

    struct PathCase: CustomTestStringConvertible, Sendable {
        var name: String
        var path: String
        var metric: String?
        var isRunFile: Bool
        var testDescription: String { name }
    }

    static let run = "mlruns/1/4f2c0c9e8d7b4a5e9c1d2b3a4f5e6d7c"

    static let paths: [PathCase] = [
        .init(name: "flat metric", path: "\(run)/metrics/lr", metric: "lr", isRunFile: true),
        .init(
            name: "nested metric", path: "\(run)/metrics/train/loss", metric: "train/loss",
            isRunFile: true),
        .init(
            name: "absolute path", path: "/data/x/\(run)/metrics/eval/loss", metric: "eval/loss",
            isRunFile: true),
        .init(name: "dot components", path: "./\(run)/./metrics/lr", metric: "lr", isRunFile: true),
        .init(
            name: "metric named metrics/...", path: "\(run)/metrics/metrics/precision",
            metric: "metrics/precision",
            isRunFile: true),
        .init(
            name: "metrics folder above mlruns", path: "/srv/metrics/\(run)/metrics/lr",
            metric: "lr", isRunFile: true),
        .init(
            name: "run folder without mlruns",
            path: "copy/4f2c0c9e8d7b4a5e9c1d2b3a4f5e6d7c/metrics/train/loss",
            metric: "train/loss", isRunFile: true),
        .init(name: "unrecognised run", path: "myrun/metrics/lr", metric: "lr", isRunFile: false),
        .init(name: "run meta.yaml", path: "\(run)/meta.yaml", metric: nil, isRunFile: true),
        .init(
            name: "experiment meta.yaml", path: "mlruns/1/meta.yaml", metric: nil, isRunFile: true),
        .init(name: "param", path: "\(run)/params/learning_rate", metric: nil, isRunFile: true),
        .init(
            name: "parent folder", path: "\(run)/metrics/../params/lr", metric: nil, isRunFile: true
        ),
        .init(name: "tag", path: "\(run)/tags/mlflow.runName", metric: nil, isRunFile: true),
        .init(
            name: "artifact under metrics", path: "\(run)/artifacts/metrics/results.csv",
            metric: nil, isRunFile: false),
        .init(
            name: "the metrics folder itself", path: "\(run)/metrics", metric: nil, isRunFile: false
        ),
        .init(name: "plain log", path: "logs/train.jsonl", metric: nil, isRunFile: false),
        .init(name: "file named metrics", path: "out/metrics", metric: nil, isRunFile: false),
    ]

    @Test(arguments: paths)
    func namesMetricsByTheirPathUnderMetrics(_ test: PathCase) {
        #expect(MLflowMetricReader.metricName(forPath: test.path) == test.metric)
        #expect(MLflowMetricReader.isMLflowRunFile(path: test.path) == test.isRunFile)
        #expect(MLflowMetricReader(path: test.path)?.metricName == test.metric)
    }

    struct MetricFigures: Equatable, Sendable {
        var points: Int
        var firstStep: Double
        var lastStep: Double
        var firstTime: Double
        var lastTime: Double
        var sum: Double
    }

    /// Counted with Python (float() of each value, summed in file order) and awk.
    static let case17: [String: MetricFigures] = [
        "lr": .init(
            points: 50, firstStep: 0, lastStep: 490, firstTime: 1_715_677_200_000,
            lastTime: 1_715_677_788_000,
            sum: 0.008875000000000001),
        "train/loss": .init(
            points: 50, firstStep: 0, lastStep: 490, firstTime: 1_715_677_200_000,
            lastTime: 1_715_677_788_000,
            sum: 59.35082170723866),
        "train/grad_norm": .init(
            points: 50, firstStep: 0, lastStep: 490, firstTime: 1_715_677_200_000,
            lastTime: 1_715_677_788_000,
            sum: 40.23127238563318),
        "eval/loss": .init(
            points: 10, firstStep: 50, lastStep: 500, firstTime: 1_715_677_260_900,
            lastTime: 1_715_677_800_900,
            sum: 15.185632289981088),
    ]

    @Test func readsTheNestedMetricsOfAnMLflowRun() throws {
        let files = [
            "metrics/lr", "metrics/train/loss", "metrics/train/grad_norm", "metrics/eval/loss",
            "params/learning_rate", "meta.yaml",
        ]
        var figures: [String: MetricFigures] = [:]
        var records = 0
        for file in files {
            let path = "cases/17-mlflow-run/\(Self.run)/\(file)"
            guard MLflowMetricReader.isMLflowRunFile(path: path),
                let reader = MLflowMetricReader(path: path)
            else {
                continue
            }

            let bytes = try CorpusFixture.bytes(path)
            var recorder = FieldRecorder()
            for line in CorpusFixture.lines(bytes) {
                let result = bytes[line].withUnsafeBytes {
                    reader.read(line: $0, visitor: &recorder)
                }
                #expect(result == .record)
                records += 1
            }
            figures[reader.metricName] = Self.figures(
                of: recorder.events, metric: reader.metricName)
        }

        #expect(records == 160)
        #expect(figures == Self.case17)
    }

    @Test func readsTheCorpusMetricFile() throws {
        let bytes = try CorpusFixture.bytes("corpus/mlflow-metric-file/deepcnn_mlruns_metrics_loss")
        let reader = MLflowMetricReader(metricName: "loss")
        var recorder = FieldRecorder()
        let results = CorpusFixture.lines(bytes).map { line in
            bytes[line].withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(results == [.record])
        #expect(
            recorder.events == [
                .number("step", 0), .number("timestamp", 1_664_364_007_310),
                .number("loss", 3.2727866172790527),
            ])
    }

    private static func figures(of events: [Event], metric: String) -> MetricFigures {
        var steps: [Double] = []
        var times: [Double] = []
        var sum = 0.0
        for event in events {
            guard case .number(let key, let value) = event else {
                continue
            }

            switch key {
            case "step": steps.append(value)
            case "timestamp": times.append(value)
            case metric: sum += value
            default: Issue.record("unexpected key \(key)")
            }
        }
        return MetricFigures(
            points: steps.count, firstStep: steps.first ?? -1, lastStep: steps.last ?? -1,
            firstTime: times.first ?? -1, lastTime: times.last ?? -1, sum: sum)
    }
}
