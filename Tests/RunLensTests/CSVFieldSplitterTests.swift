import Testing

@testable import RunLens

struct CSVFieldSplitterTests {
    struct SplitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var record: String
        var delimiter: Character = ","
        /// The field values, or `nil` when the record must wait for more lines.
        var fields: [String]?
        var testDescription: String { name }
    }

    static let cases: [SplitCase] = [
        .init(name: "plain fields", record: "a,b,c", fields: ["a", "b", "c"]),
        .init(name: "empty fields", record: ",,", fields: ["", "", ""]),
        .init(name: "one field", record: "abc", fields: ["abc"]),
        .init(
            name: "padded fields", record: "   epoch,  train/box_loss ",
            fields: ["epoch", "train/box_loss"]),
        .init(name: "quoted delimiter", record: "\"a,b\",c", fields: ["a,b", "c"]),
        .init(name: "escaped quote", record: "\"say \"\"hi\"\"\",x", fields: ["say \"hi\"", "x"]),
        .init(name: "quoted empty field", record: "\"\",x", fields: ["", "x"]),
        .init(
            name: "spaces kept inside quotes", record: "  \" a b \"  ,c", fields: [" a b ", "c"]),
        .init(name: "quote inside a plain field", record: "5\" disk,x", fields: ["5\" disk", "x"]),
        .init(name: "text after the closing quote", record: "\"ab\"c,d", fields: ["abc", "d"]),
        .init(name: "quoted newline", record: "1,\"one\ntwo\"", fields: ["1", "one\ntwo"]),
        .init(name: "unclosed quote", record: "1,\"abc,def", fields: nil),
        .init(name: "escape then end", record: "\"a\"\"", fields: nil),
        .init(name: "tab delimiter", record: "a b\t c", delimiter: "\t", fields: ["a b", "c"]),
        .init(name: "semicolon delimiter", record: "1,5;2", delimiter: ";", fields: ["1,5", "2"]),
        .init(
            name: "Ray Tune experiment tag",
            record: "bb715_00000,\"0_batch_size=64,conv_filter=[16, 64, 64, 64]\"",
            fields: ["bb715_00000", "0_batch_size=64,conv_filter=[16, 64, 64, 64]"]),
    ]

    @Test(arguments: cases)
    func splitsRecords(_ test: SplitCase) {
        let bytes = Array(test.record.utf8)
        let delimiter = test.delimiter.asciiValue ?? 0
        var spans: [CSVSpan] = []
        let fields: [String]? = bytes.withUnsafeBytes { record in
            guard CSVFieldSplitter.split(record, from: 0, delimiter: delimiter, into: &spans) != nil
            else {
                return nil
            }
            return spans.map { Self.value(of: $0, in: record) }
        }
        #expect(fields == test.fields)
    }

    @Test func stopsAtTheFirstNewlineOutsideQuotes() {
        let bytes = Array("a,\"b\nc\"\r\nd,e\n".utf8)
        var spans: [CSVSpan] = []
        let end = bytes.withUnsafeBytes { text in
            CSVFieldSplitter.split(text, from: 0, delimiter: UInt8(ascii: ","), into: &spans)
        }

        #expect(end == 8)
        #expect(spans.count == 2)
    }

    private static func value(of span: CSVSpan, in record: UnsafeRawBufferPointer) -> String {
        guard span.needsDecoding else {
            return String(decoding: record[span.content], as: UTF8.self)
        }

        var decoded: [UInt8] = []
        CSVFieldSplitter.decode(UnsafeRawBufferPointer(rebasing: record[span.raw]), into: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }
}
