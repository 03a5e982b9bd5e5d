import Testing

@testable import RunLens

struct CSVReaderTests {
    typealias Event = FieldRecorder.Event

    struct ReaderCase: CustomTestStringConvertible, Sendable {
        var name: String
        var delimiter: Character = ","
        var lines: [String]
        var results: [CSVLineResult]
        var events: [Event]
        var testDescription: String { name }
    }

    static let cases: [ReaderCase] = [
        .init(
            name: "header then rows", lines: ["loss,step", "1.5,10", "1.25,20"],
            results: [.header, .record, .record],
            events: [
                .number("loss", 1.5), .number("step", 10), .number("loss", 1.25),
                .number("step", 20),
            ]),
        .init(
            name: "CRLF line ends", lines: ["a,b\r", "1,2\r"], results: [.header, .record],
            events: [.number("a", 1), .number("b", 2)]),
        .init(
            name: "YOLOv5 padding",
            lines: [
                "               epoch,      train/box_loss",
                "                   0,            0.044359",
            ],
            results: [.header, .record],
            events: [.number("epoch", 0), .number("train/box_loss", 0.044359)]),
        .init(
            name: "Lightning sparse cells", lines: ["epoch,step,val_loss,train_loss", "0,49,,7.5"],
            results: [.header, .record],
            events: [
                .number("epoch", 0), .number("step", 49), .null("val_loss"),
                .number("train_loss", 7.5),
            ]),
        .init(
            name: "short row gets nulls", lines: ["a,b,c", "1"], results: [.header, .record],
            events: [.number("a", 1), .null("b"), .null("c")]),
        .init(
            name: "long row is malformed", lines: ["a,b", "1,2,3", "4,5"],
            results: [.header, .malformed("row has 3 fields, header has 2"), .record],
            events: [.number("a", 4), .number("b", 5)]),
        .init(
            name: "row ended by a delimiter", lines: ["a,b", "1,2,", "3,4, ", "5,6,7", "8,9,,"],
            results: [
                .header, .record, .record, .malformed("row has 3 fields, header has 2"),
                .malformed("row has 4 fields, header has 2"),
            ],
            events: [.number("a", 1), .number("b", 2), .number("a", 3), .number("b", 4)]),
        .init(
            name: "blank lines", lines: ["", "a,b", "   ", "1,2", "\r"],
            results: [.empty, .header, .empty, .record, .empty],
            events: [.number("a", 1), .number("b", 2)]),
        .init(
            name: "quoted field over two lines",
            lines: ["id,tag", "1,\"line one", "line two\"", "2,x"],
            results: [.header, .incomplete, .record, .record],
            events: [
                .number("id", 1), .string("tag", "line one\nline two"), .number("id", 2),
                .string("tag", "x"),
            ]),
        .init(
            name: "CRLF inside a quoted field", lines: ["id,tag\r", "1,\"a\r", "b\"\r"],
            results: [.header, .incomplete, .record],
            events: [.number("id", 1), .string("tag", "a\nb")]),
        .init(
            name: "blank line inside a quoted field", lines: ["id,tag", "1,\"a", "", "b\""],
            results: [.header, .incomplete, .incomplete, .record],
            events: [.number("id", 1), .string("tag", "a\n\nb")]),
        .init(
            name: "Ray Tune quoted tag with commas",
            lines: [
                "done,trial_id,experiment_tag",
                "False,bb715_00000,\"0_batch_size=64,conv_filter=[16, 64]\"",
            ],
            results: [.header, .record],
            events: [
                .bool("done", false), .string("trial_id", "bb715_00000"),
                .string("experiment_tag", "0_batch_size=64,conv_filter=[16, 64]"),
            ]),
        .init(
            name: "escaped quotes", lines: ["note,x", "\"say \"\"hi\"\"\",1"],
            results: [.header, .record],
            events: [.string("note", "say \"hi\""), .number("x", 1)]),
        .init(
            name: "quoted numbers are numbers", lines: ["a,b", "\"3.5\",\" 7 \""],
            results: [.header, .record],
            events: [.number("a", 3.5), .number("b", 7)]),
        .init(
            name: "nvidia-smi units",
            lines: [
                "timestamp, memory.used [MiB], utilization.gpu [%]",
                "2026/02/02 01:07:37.100, 17092 MiB, 0 %",
            ],
            results: [.header, .record],
            events: [
                .string("timestamp", "2026/02/02 01:07:37.100"), .number("memory.used", 17092),
                .number("utilization.gpu", 0),
            ]),
        .init(
            name: "nvidia-smi placeholders",
            lines: ["power.draw [W], clocks.sm [MHz], fan", "[N/A], N/A, [Not Supported]"],
            results: [.header, .record],
            events: [.null("power.draw"), .null("clocks.sm"), .null("fan")]),
        .init(
            name: "Keras nan placeholders", lines: ["epoch,val_loss", "0,nan", "3,1.46"],
            results: [.header, .record, .record],
            events: [
                .number("epoch", 0), .number("val_loss", .nan), .number("epoch", 3),
                .number("val_loss", 1.46),
            ]),
        .init(
            name: "infinities", lines: ["a,b", "inf,-Infinity"], results: [.header, .record],
            events: [.number("a", .infinity), .number("b", -.infinity)]),
        .init(
            name: "bools and strings", lines: ["should_checkpoint,hostname", "True,cgpu17"],
            results: [.header, .record],
            events: [.bool("should_checkpoint", true), .string("hostname", "cgpu17")]),
        .init(
            name: "header written again", lines: ["a,b", "1,2", "a,b", "3,4"],
            results: [.header, .record, .header, .record],
            events: [.number("a", 1), .number("b", 2), .number("a", 3), .number("b", 4)]),
        .init(
            name: "unnamed column", lines: [",loss", "0,1.5"], results: [.header, .record],
            events: [.number("column1", 0), .number("loss", 1.5)]),
        .init(
            name: "tab-separated", delimiter: "\t", lines: ["step\tloss", "1\t2.5"],
            results: [.header, .record],
            events: [.number("step", 1), .number("loss", 2.5)]),
        .init(
            name: "semicolon-separated", delimiter: ";", lines: ["step;note", "1;a,b"],
            results: [.header, .record],
            events: [.number("step", 1), .string("note", "a,b")]),
        // A spreadsheet set to a decimal-comma locale separates with semicolons.
        .init(
            name: "decimal commas when semicolon-separated", delimiter: ";",
            lines: ["step;loss;lr;note", "1;2,50;-1,5e-4;1,2,3"],
            results: [.header, .record],
            events: [
                .number("step", 1), .number("loss", 2.5), .number("lr", -0.00015),
                .string("note", "1,2,3"),
            ]),
        .init(
            name: "no decimal commas when tab-separated", delimiter: "\t",
            lines: ["step\tcount", "1\t1,000"], results: [.header, .record],
            events: [.number("step", 1), .string("count", "1,000")]),
        .init(
            name: "a column name written twice", lines: ["step,loss,loss,loss.1", "1,2.5,9,7"],
            results: [.header, .record],
            events: [
                .number("step", 1), .number("loss", 2.5), .number("loss.2", 9),
                .number("loss.1", 7),
            ]),
        .init(
            name: "only a header", lines: ["a,b"], results: [.header], events: []),
    ]

    @Test(arguments: cases)
    func readsRecords(_ test: ReaderCase) {
        var reader = CSVReader(delimiter: test.delimiter.asciiValue ?? 0)
        var recorder = FieldRecorder()
        let results = test.lines.map { line in
            Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(results == test.results)
        #expect(recorder.events == test.events)
        #expect(reader.finish() == nil)
    }

    @Test func namesColumnsWithoutUnitsOrPadding() {
        let (reader, _) = Self.read([
            "  timestamp , memory.used [MiB], utilization.gpu [%], power.draw, [x]"
        ])

        #expect(
            reader.columnNames == [
                "timestamp", "memory.used", "utilization.gpu", "power.draw", "[x]",
            ])
        #expect(reader.columnUnits == [nil, "MiB", "%", nil, nil])
    }

    @Test func takesAColumnUnitFromTheFirstCellThatHasOne() {
        let (reader, recorder) = Self.read([
            "power.draw,memory.used [MiB]", "N/A,1 MiB", "250.00 W,2 GiB", "1.5 kW,3",
        ])

        #expect(reader.columnUnits == ["W", "MiB"])
        #expect(recorder.events.count == 6)
    }

    @Test func countsTheLinesOfEachResult() {
        var reader = CSVReader()
        var recorder = FieldRecorder()
        var spans: [Int] = []
        for line in ["a,b", "1,\"x", "y", "z\"", "", "2,3"] {
            _ = Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
            spans.append(reader.spannedLines)
        }

        #expect(spans == [1, 0, 0, 3, 1, 1])
    }

    @Test func saysWhenARecordNeedsMoreLines() {
        var reader = CSVReader()
        var recorder = FieldRecorder()
        _ = Array("a,b".utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        _ = Array("1,\"open".utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        #expect(reader.needsMoreLines)

        _ = Array("closed\"".utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        #expect(!reader.needsMoreLines)
    }

    @Test func reportsAQuoteLeftOpenAtTheEnd() {
        var reader = CSVReader()
        var recorder = FieldRecorder()
        for line in ["a,b", "1,\"open", "still open"] {
            _ = Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(
            reader.finish()
                == .malformed(
                    "quoted field not closed at the end of the input: the line after it is read "
                        + "again"))
        #expect(reader.spannedLines == 1)
        #expect(recorder.events.isEmpty)
        #expect(reader.linesGivenBack == 1)

        // The line given back is a row of one cell; the other reads as null.
        #expect(reader.readGivenBack(visitor: &recorder) == .record)
        #expect(recorder.events == [.string("a", "still open"), .null("b")])
        #expect(reader.readGivenBack(visitor: &recorder) == nil)
        #expect(reader.finish() == nil)
    }

    /// A quote left open takes the next lines into its record only up to the limit; then its
    /// first line is malformed and the others are given back, to be read as the rows they are.
    @Test func givesBackTheLinesAQuotedFieldTookPastTheLimit() {
        var reader = CSVReader(maxLinesPerRecord: 3)
        var recorder = FieldRecorder()
        let results = ["a,b", "1,\"open", "2,3", "4,5"].map { line in
            Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(
            results == [
                .header, .incomplete, .incomplete,
                .malformed(
                    "quoted field not closed within 3 lines: the 2 lines after it are read again"),
            ])
        #expect(reader.spannedLines == 1)
        #expect(reader.linesGivenBack == 2)
        #expect(reader.readGivenBack(visitor: &recorder) == .record)
        #expect(reader.linesGivenBack == 1)
        #expect(reader.readGivenBack(visitor: &recorder) == .record)
        #expect(reader.readGivenBack(visitor: &recorder) == nil)
        let last = Array("6,7".utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }

        #expect(last == .record)
        #expect(
            recorder.events == [
                .number("a", 2), .number("b", 3), .number("a", 4), .number("b", 5),
                .number("a", 6), .number("b", 7),
            ])
    }

    @Test func keepsColumnKeysWhenCellsAreLong() {
        let long = String(repeating: "x", count: 5000)
        let (_, recorder) = Self.read(["name,value", "\(long),1"])

        #expect(recorder.events == [.string("name", long), .number("value", 1)])
    }

    static let learnedCases: [ReaderCase] = [
        // `tokens` shows no mark of its own (12.345 and 1.000 read either way) and takes that
        // of `loss`, whose `2,5` shows a decimal comma, although its cells come first in each
        // row; `1.234,5` groups thousands by dots.
        .init(
            name: "decimal commas and thousands by column", delimiter: ";",
            lines: ["step;tokens;loss", "1;12.345;2,5", "2;1.000;1.234,5"],
            results: [.header, .record, .record],
            events: [
                .number("step", 1), .number("tokens", 12345), .number("loss", 2.5),
                .number("step", 2), .number("tokens", 1000), .number("loss", 1234.5),
            ]),
        .init(
            name: "a semicolon file of decimal points as written", delimiter: ";",
            lines: ["step;tokens;loss", "1;12.345;2.5", "2;1.000;0.125"],
            results: [.header, .record, .record],
            events: [
                .number("step", 1), .number("tokens", 12.345), .number("loss", 2.5),
                .number("step", 2), .number("tokens", 1), .number("loss", 0.125),
            ]),
        // `2,5` cannot group thousands, so `loss` writes decimal commas and its `1,000` is 1;
        // `tokens` shows only cells that English may group (1,000 and 12,345): text.
        .init(
            name: "a tab file's commas by column", delimiter: "\t",
            lines: ["step\tloss\ttokens", "1\t2,5\t1,000", "2\t1,000\t12,345"],
            results: [.header, .record, .record],
            events: [
                .number("step", 1), .number("loss", 2.5), .string("tokens", "1,000"),
                .number("step", 2), .number("loss", 1), .string("tokens", "12,345"),
            ]),
        .init(
            name: "a comma file's quoted decimal commas",
            lines: ["step,loss,acc", "1,\"0,9\",2.5", "2,\"1.234,5\",0.125"],
            results: [.header, .record, .record],
            events: [
                .number("step", 1), .number("loss", 0.9), .number("acc", 2.5),
                .number("step", 2), .number("loss", 1234.5), .number("acc", 0.125),
            ]),
    ]

    /// Reads the lines after learning the decimal marks from all of them as the head.
    @Test(arguments: learnedCases)
    func readsWithTheMarksLearnt(_ test: ReaderCase) {
        var reader = CSVReader(delimiter: test.delimiter.asciiValue ?? 0)
        var recorder = FieldRecorder()
        let head = test.lines.map { $0 + "\n" }.joined()
        Array(head.utf8).withUnsafeBytes { reader.learnDecimalMarks(from: $0) }
        let results = test.lines.map { line in
            Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(results == test.results)
        #expect(recorder.events == test.events)
        #expect(reader.unfitCells == 0)
    }

    /// Each column holds the mark most of its cells in the head show (`loss`: two commas, one
    /// point; `lr`: points); a cell that reads as a number only with the other mark goes to
    /// the visitor as null and is counted.
    @Test func leavesOutAndCountsCellsOfTheOtherMark() {
        let (reader, recorder) = Self.readLearning([
            "loss;lr", "2,5;0.5", "3.5;0.25", "0,25;1,5",
        ])

        #expect(
            recorder.events == [
                .number("loss", 2.5), .number("lr", 0.5), .null("loss"), .number("lr", 0.25),
                .number("loss", 0.25), .null("lr"),
            ])
        #expect(reader.unfitCells == 2)
        #expect(
            reader.firstUnfitCell == .init(column: "loss", text: "3.5", columnMark: .comma))
    }

    /// A column whose head shows no mark takes the first its later cells show, and holds it.
    @Test func aColumnWithoutAMarkInTheHeadTakesItsFirstOne() {
        var reader = CSVReader(delimiter: UInt8(ascii: ";"))
        var recorder = FieldRecorder()
        Array("step;loss\n1;7\n".utf8).withUnsafeBytes { reader.learnDecimalMarks(from: $0) }
        for line in ["step;loss", "1;7", "2;2,5", "3;1.5"] {
            _ = Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }

        #expect(
            recorder.events == [
                .number("step", 1), .number("loss", 7), .number("step", 2),
                .number("loss", 2.5), .number("step", 3), .null("loss"),
            ])
        #expect(reader.unfitCells == 1)
    }

    /// Learning the marks reads no record: the lines are read after it, header first.
    @Test func learningFromTheHeadReadsNothing() {
        var reader = CSVReader(delimiter: UInt8(ascii: ";"))
        Array("a;b\n1;2,5\n".utf8).withUnsafeBytes { reader.learnDecimalMarks(from: $0) }

        #expect(!reader.hasHeader)
        #expect(reader.columnNames.isEmpty)
    }

    /// Learns the decimal marks from all of `lines` as the head, then reads them.
    private static func readLearning(_ lines: [String]) -> (CSVReader, FieldRecorder) {
        var reader = CSVReader(delimiter: UInt8(ascii: ";"))
        var recorder = FieldRecorder()
        let head = lines.map { $0 + "\n" }.joined()
        Array(head.utf8).withUnsafeBytes { reader.learnDecimalMarks(from: $0) }
        for line in lines {
            _ = Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }
        return (reader, recorder)
    }

    private static func read(_ lines: [String]) -> (CSVReader, FieldRecorder) {
        var reader = CSVReader()
        var recorder = FieldRecorder()
        for line in lines {
            _ = Array(line.utf8).withUnsafeBytes { reader.read(line: $0, visitor: &recorder) }
        }
        return (reader, recorder)
    }
}
