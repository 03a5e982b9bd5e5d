import Testing

@testable import RunLens

struct FormatSnifferTests {
    struct SniffCase: CustomTestStringConvertible, Sendable {
        var name: String
        var head: [UInt8]
        var fileName = "log"
        var expected: LogFormat
        var testDescription: String { name }

        init(_ name: String, _ text: String, fileName: String = "log", _ expected: LogFormat) {
            self.init(name, Array(text.utf8), fileName: fileName, expected)
        }

        init(_ name: String, _ head: [UInt8], fileName: String = "log", _ expected: LogFormat) {
            self.name = name
            self.head = head
            self.fileName = fileName
            self.expected = expected
        }
    }

    static let comma = LogFormat.csv(delimiter: UInt8(ascii: ","))
    static let oneRaggedInFive =
        "step,loss,lr\n1,2.5,0.1\n2,2.4,0.1\n3,2.3,0.1,9\n4,2.2,0.1\n5,2,0.1\n"
    static let full = FormatSniffer.headLength
    /// 200 bytes that are neither text nor line ends: invalid UTF-8 and control bytes.
    static let noise = [UInt8](repeating: 0xFF, count: 100) + [UInt8](repeating: 0x01, count: 100)

    static let rules: [SniffCase] = [
        .init("empty", "", .jsonLines),
        .init("blank lines only", " \n\r\n\n", .jsonLines),
        .init("JSON lines", "{\"a\": 1}\n{\"a\": 2}\n", .jsonLines),
        .init("byte order mark and CRLF", "\u{FEFF}{\"a\": 1}\r\n{\"a\": 2}\r\n", .jsonLines),
        .init("one JSON line", "{\"a\": 1}", .jsonLines),
        .init("blank line between objects", "\n{\"a\": 1}\n\n  {\"a\": 2}\n", .jsonLines),
        .init("braces inside strings", "{\"a\": \"}{[\"}\n{\"a\": 2}\n", .jsonLines),
        .init("escaped quote inside a string", "{\"a\": \"\\\"}\"}\n{}\n", .jsonLines),
        .init("pretty-printed object", "{\n  \"a\": 1,\n  \"b\": {\"c\": 2}\n}\n", .jsonDocument),
        .init("object then another kind of line", "{\"a\": 1}\n\"b\": 2\n", .jsonLines),
        .init("object then a number", "{\"a\": 1}\n42\n{\"a\": 2}\n", .jsonLines),
        .init(
            "trainer state on one line", "{\"x\": 1, \"log_history\" : [{\"l\": 1}]}\n",
            .jsonDocument),
        .init("one line naming log_history as a value", "{\"a\": \"log_history\"}\n", .jsonLines),
        .init("array", "[\n  {\"a\": 1}\n]\n", .jsonDocument),
        .init("array after blank lines", "\n\n  [1, 2]", .jsonDocument),
        .init(
            "first line cut by rotation", "3, \"loss\": 2.1}\n{\"step\": 4}\n{\"step\": 5}\n",
            .jsonLines),
        .init(
            "first object broken", "{\"step\": 1, \"lo\n{\"step\": 2}\n{\"step\": 3}\n",
            .jsonLines),
        .init("indent-0 document", "{\n\"a\": [\n{}\n]\n}\n", .jsonDocument),
        .init("MLflow points", "1715677200000 0.5 0\n1715677212000 0.4 10\n", .mlflowMetric),
        .init("MLflow nan and inf", "1 nan 0\r\n2 -inf 1\r\n", .mlflowMetric),
        .init("MLflow point then text", "1 0.5 0\nstatus: 3\n", .text),
        .init("two fields is not MLflow", "1 0.5\n2 0.4\n", .text),
        .init("comma CSV", "a,b\n1,2\n", comma),
        .init("tab CSV", "a\tb\n1\t2\n", .csv(delimiter: UInt8(ascii: "\t"))),
        .init(
            "semicolon CSV with commas in cells", "step;note\n1;a,b\n2;c\n",
            .csv(delimiter: UInt8(ascii: ";"))),
        .init(
            "Excel's sep line", "sep=;\r\nstep;loss\r\n1;2,5\r\n",
            .csv(delimiter: UInt8(ascii: ";"))),
        .init("sep line naming tabs", "sep=\t\nstep\tloss\n1\t2\n", .csv(delimiter: 9)),
        .init("sep line naming another delimiter", "sep=,\na;b\n1;2\n", .text),
        .init("sep line over one field", "sep=;\nstep\n1\n", .text),
        .init("quoted newline in a row", "id,tag\n1,\"x\ny\"\n2,z\n", comma),
        .init("UTF-8 names", "étape,perte\n1,2\n", comma),
        .init("numeric header", "1,2\n3,4\n", .text),
        .init("half the header numeric", "a,1\n2,3\n", .text),
        .init("header without rows, .csv name", "a,b\n", fileName: "metrics.csv", comma),
        .init("header without rows, other name", "a,b\n", .text),
        .init("ragged rows", "a,b\n1\n2,3,4\n", .text),
        .init("ragged rows, .csv name", "a,b\n1\n2,3,4\n", fileName: "m.csv", .text),
        .init("one ragged row in five", Self.oneRaggedInFive, .text),
        .init("one ragged row in five, .csv name", Self.oneRaggedInFive, fileName: "m.csv", comma),
        .init(
            "one broken row in twenty", "a,b\n" + String(repeating: "1,2\n", count: 19) + "3\n",
            comma),
        .init("prose with a comma", "Hello, world\nStarting training...\n", .text),
        .init("rows ended by a delimiter", "step,loss\n1,2.5,\n2,2.4,\n3,2.3,\n", comma),
        .init(
            "rows ended by a tab", "step\tloss\n1\t2.5\t\n2\t2.4\t\n", .csv(delimiter: 9)),
        .init("rows ended by a delimiter and a value", "a,b\n1,2,3\n4,5,6\n", .text),
        .init(
            "prose lines ending with a comma now and then",
            "We trained, as planned\nThe loss fell, then rose,\nIt settled, at last\n"
                + "We stopped, and restarted,\n", .text),
        .init("llm.c log", "s:0 tel:11.0095\ns:0 trl:11.0116 lr:0.000001 norm:14.96\n", .text),
        .init("zstd magic", [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00, 0x01, 0x00], .binary),
        .init("gzip magic", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], .binary),
        .init(
            "mostly invalid UTF-8", [UInt8](repeating: 0xFF, count: 20) + Array("a,b\n".utf8),
            .binary),
        .init("control bytes", [UInt8](repeating: 0x01, count: 5) + Array("abc\n".utf8), .binary),
        .init("NUL in the first line", Array("{\"a\":".utf8) + [0] + Array(" 1}\n".utf8), .binary),
        .init(
            "NUL run a crash left after the first line",
            Array("{\"a\": 1}\n{\"a\": 2}\n".utf8) + [UInt8](repeating: 0, count: 600)
                + Array("\n{\"a\": 3}\n".utf8), .jsonLines),
        .init(
            "a NUL run among twenty CSV rows",
            Array(("a,b\n" + String(repeating: "1,2\n", count: 12)).utf8)
                + [UInt8](repeating: 0, count: 300)
                + Array(("\n" + String(repeating: "3,4\n", count: 8)).utf8), comma),
        .init(
            "binary after clean JSON lines",
            Array("{\"a\": 1}\n{\"a\": 2}\n".utf8) + Self.noise + Array("\n{\"a\": 3}\n".utf8),
            .jsonLines),
        .init(
            "binary after one clean JSON line", Array("{\"a\": 1}\n".utf8) + Self.noise,
            .jsonLines),
        .init(
            "binary after a CSV header and rows",
            Array("a,b\n1,2\n3,4\n".utf8) + Self.noise + Array("\n5,6\n".utf8), comma),
        .init("binary after a line of prose", Array("PDF-1.7\n".utf8) + Self.noise, .binary),
        .init(
            "binary before clean JSON lines",
            Self.noise + Array("\n{\"a\": 1}\n{\"a\": 2}\n".utf8), .binary),
        .init(
            "binary inside the first JSON line",
            Array("{\"a\": \"".utf8) + Self.noise + Array("\"}\n{\"a\": 2}\n".utf8), .binary),
        .init(
            "a few Latin-1 bytes",
            Array("caf".utf8) + [0xE9] + Array(" 1 2 3 4 5 6 7 8 9 10\n".utf8), .text),
        .init(
            "long single line cut by the head",
            Array("{\"a\": \"".utf8) + [UInt8](repeating: 0x78, count: full),
            .jsonLines),
        .init(
            "JSON lines with the last one cut",
            Self.repeated("{\"a\": 1}\n", until: full) + Array("{\"a\":".utf8),
            .jsonLines),
        .init(
            "CSV with the last row cut",
            Array("a,b\n".utf8) + Self.repeated("1,2\n", until: full) + [0x31], comma),
        .init(
            "UTF-8 sequence cut by the head", Self.repeated("a,é\n", until: full - 1) + [0xC3],
            comma),
        .init(
            "bracketed time stamp",
            "[11/16 02:58:04] detectron2 INFO: Rank 0\n[11/16 02:58:06] x\n", .text),
        .init("array of numbers on one line", "[1, 2, 3]\n", .jsonDocument),
        .init("array of strings", "[\"a\",\n \"b\"]\n", .jsonDocument),
        .init("empty array", "[]", .jsonDocument),
        .init("lone bracket", "[", .jsonDocument),
    ]

    @Test(arguments: rules)
    func recognisesFormatsByContent(_ test: SniffCase) {
        let head = test.head.prefix(Self.full)
        let format = Array(head).withUnsafeBytes {
            FormatSniffer.sniff($0, fileName: test.fileName)
        }
        #expect(format == test.expected)
    }

    /// A header of 8,000 columns is 94,892 bytes (72 + 810 + 9,000 + 77,011 for the names,
    /// 7,999 commas), longer than the head; each row is 15,999.
    @Test func aHeaderLongerThanTheHeadIsJudgedWithTheRowsAfterIt() {
        let header = (1...8000).map { "column_\($0)" }.joined(separator: ",")
        let row = [String](repeating: "1", count: 8000).joined(separator: ",")
        let text = Array((header + "\n" + row + "\n" + row + "\n").utf8)

        let length = text.withUnsafeBytes { FormatSniffer.sniffedLength(of: $0) }
        let format = Array(text.prefix(length)).withUnsafeBytes {
            FormatSniffer.sniff($0, fileName: "progress")
        }

        #expect(length == 94_893 + Self.full)
        #expect(format == Self.comma)
    }

    @Test(arguments: [
        ("a short first line", 10, [20], Self.full),
        ("a first line as long as the head", Self.full, [10], Self.full + 1 + Self.full),
        ("a long first line and a longer second", Self.full, [Self.full + 5], 2 * Self.full + 7),
        ("a long first line alone", Self.full, [], Int.max),
    ])
    func sniffedLengthHoldsALongFirstLineAndTheNext(
        name: String, first: Int, rest: [Int], expected: Int
    ) {
        let lines = ([first] + rest).map { [UInt8](repeating: 0x61, count: $0) + [0x0A] }
        let text = Array(lines.joined())

        #expect(text.withUnsafeBytes { FormatSniffer.sniffedLength(of: $0) } == expected, "\(name)")
    }

    struct FileCase: CustomTestStringConvertible, Sendable {
        var path: String
        var expected: LogFormat
        var testDescription: String { path }
    }

    static let corpus: [FileCase] =
        [
            .init(
                path: "corpus/azure-llm-trace-csv/AzureLLMInferenceTrace_code.csv",
                expected: comma),
            .init(
                path: "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json",
                expected: .jsonLines),
            .init(
                path: "corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json.zst",
                expected: .binary),
            .init(
                path: "corpus/detectron2-metrics-jsonl/mgm_mask2former_output_metrics.json",
                expected: .jsonLines),
            .init(
                path: "corpus/detectron2-text-log/nyu_supervised_lr0.004_warmup.log.txt",
                expected: .text),
            .init(
                path: "corpus/detectron2-text-log/nyu_supervised_lr0.020.log.txt", expected: .text),
            .init(
                path: "corpus/detr-style-log-jsonl/retfound_output_dir_log.txt",
                expected: .jsonLines),
            .init(
                path: "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json",
                expected: .jsonDocument),
            .init(
                path: "corpus/lightning-metrics-csv/slm_training_version_0_metrics.csv",
                expected: comma),
            .init(
                path: "corpus/lightning-metrics-csv/slm_training_version_10_metrics.csv",
                expected: comma),
            .init(
                path: "corpus/lightning-metrics-csv/slm_training_version_7_metrics.csv",
                expected: comma),
            .init(
                path: "corpus/lightning-metrics-csv/slm_training_version_8_metrics.csv",
                expected: comma),
            .init(
                path: "corpus/llmc-main-log/siddanth_gpt2_124M_main.head5000.log", expected: .text),
            .init(path: "corpus/llmc-stdout-log/hector_gpt2_train.11672072.log", expected: .text),
            .init(path: "corpus/llmc-stdout-log/hector_gpt2_train.11672255.log", expected: .text),
            .init(path: "corpus/llmc-stdout-log/hector_gpt2_train.11685414.log", expected: .text),
            .init(
                path: "corpus/mlflow-metric-file/deepcnn_mlruns_metrics_loss",
                expected: .mlflowMetric),
            .init(
                path: "corpus/mmcv-log-json/fengyouliang_20200720_054407.head25.log.json",
                expected: .jsonLines),
            .init(
                path: "corpus/mmcv-text-log/fengyouliang_20200720_054407.head327.log",
                expected: .text),
            .init(
                path: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_142419.json",
                expected: .jsonLines),
            .init(
                path: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_144938.json",
                expected: .jsonLines),
            .init(
                path: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_152037.json",
                expected: .jsonLines),
            .init(
                path: "corpus/mmengine-scalars-jsonl/pkurnikov_vis_20241205_161234.json",
                expected: .jsonLines),
            .init(
                path: "corpus/mooncake-trace-jsonl/mooncake_conversation_trace.jsonl",
                expected: .jsonLines),
            .init(path: "corpus/nvidia-smi-csv/balance_budget_gpu_usage.csv", expected: comma),
            .init(path: "corpus/nvidia-smi-csv/rckola_gpu_usage.csv", expected: comma),
            .init(
                path: "corpus/raytune-progress-csv/cellspike_gpu_progress.head6.csv",
                expected: comma),
            .init(
                path: "corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl",
                expected: .jsonLines),
            .init(
                path: "corpus/wandb-history-jsonl/spaceinvaders_wandb-history.head100.jsonl",
                expected: .jsonLines),
            .init(
                path: "corpus/yolov5-results-csv/helmet_yolov5_results.head3.csv", expected: comma),
            .init(path: "cases/01-chainer-log-nan.json", expected: .jsonDocument),
            .init(path: "cases/10-keras-csvlogger-valfreq.csv", expected: comma),
            .init(
                path: "cases/17-mlflow-run/\(MLflowMetricReaderTests.run)/metrics/lr",
                expected: .mlflowMetric),
            .init(
                path: "cases/17-mlflow-run/\(MLflowMetricReaderTests.run)/metrics/eval/loss",
                expected: .mlflowMetric),
            .init(
                path: "cases/17-mlflow-run/\(MLflowMetricReaderTests.run)/meta.yaml",
                expected: .text),
            .init(
                path: "cases/17-mlflow-run/\(MLflowMetricReaderTests.run)/params/learning_rate",
                expected: .text),
        ]
        + llmperf

    static let llmperf: [FileCase] =
        [
            "anyscale_13b", "anyscale_70b", "anyscale_7b", "bedrock_13b", "fireworks_13b",
            "fireworks_70b", "fireworks_7b", "groq_70b", "lepton_70b", "lepton_7b", "replicate_13b",
            "replicate_70b",
            "replicate_7b", "together_13b", "together_7b",
        ].map {
            .init(
                path: "corpus/llmperf-individual-json/llmperf_\($0)_individual.json",
                expected: .jsonDocument)
        }
        + [
            "anyscale_13b", "anyscale_70b", "anyscale_7b", "bedrock_13b", "fireworks_13b",
            "fireworks_70b",
            "fireworks_7b", "groq_70b", "lepton_70b", "lepton_7b", "replicate_13b", "replicate_70b",
            "replicate_7b",
            "together_13b", "together_70b", "together_7b",
        ].map {
            .init(
                path: "corpus/llmperf-summary-json/llmperf_\($0)_summary.json",
                expected: .jsonDocument)
        }

    @Test(arguments: corpus)
    func recognisesTheCorpusFiles(_ test: FileCase) throws {
        let head = try CorpusFixture.bytes(test.path).prefix(Self.full)
        let name = String(test.path.split(separator: "/").last ?? "")
        let format = Array(head).withUnsafeBytes { FormatSniffer.sniff($0, fileName: name) }
        #expect(format == test.expected)
    }

    @Test func describesFormatsForPeople() {
        let descriptions = [
            LogFormat.jsonLines, .jsonDocument, Self.comma, .csv(delimiter: 9), .csv(delimiter: 59),
            .csv(delimiter: 124),
            .mlflowMetric, .text, .binary,
        ].map(FormatSniffer.describe)

        #expect(
            descriptions == [
                "JSON Lines (one JSON object per line)",
                "JSON document",
                "CSV with a header row (comma-separated)",
                "CSV with a header row (tab-separated)",
                "CSV with a header row (semicolon-separated)",
                "CSV with a header row (fields separated by '|')",
                "MLflow metric file (<timestamp> <value> <step>)",
                "plain text, not a metric log; text training logs (llm.c, detectron2, MMCV "
                    + "printers) are not supported yet: use their JSON or CSV output",
                "binary data, not a text log (compressed with an unknown method?)",
            ])
    }

    private static func repeated(_ line: String, until length: Int) -> [UInt8] {
        let bytes = Array(line.utf8)
        return Array([[UInt8]](repeating: bytes, count: length / bytes.count).joined())
    }
}
