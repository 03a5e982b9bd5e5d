import Testing

@testable import RunLens

struct CSVCellTests {
    struct NumberCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var expected: Double?
        var testDescription: String { name }
    }

    // Expected values of the long and extreme inputs come from Python's float().
    static let numbers: [NumberCase] = [
        .init(name: "integer", text: "42", expected: 42),
        .init(name: "decimal", text: "3.5", expected: 3.5),
        .init(name: "padded with spaces", text: "  3.5 ", expected: 3.5),
        .init(name: "negative", text: "-0.25", expected: -0.25),
        .init(name: "plus sign", text: "+2", expected: 2),
        .init(name: "leading dot", text: ".5", expected: 0.5),
        .init(name: "trailing dot", text: "5.", expected: 5),
        .init(name: "exponent", text: "1e-4", expected: 0.0001),
        .init(name: "upper-case exponent with sign", text: "6.02E+23", expected: 6.02e+23),
        .init(name: "leading zeros", text: "0.000001", expected: 1e-06),
        .init(name: "zero", text: "0", expected: 0),
        .init(name: "negative zero", text: "-0.0", expected: -0.0),
        .init(
            name: "17 significant digits", text: "7.628580570220947", expected: 7.628580570220947),
        .init(
            name: "22 fraction digits", text: "0.1234567890123456789012",
            expected: 0.12345678901234568),
        .init(
            name: "22-digit integer", text: "1234567890123456789012",
            expected: 1.2345678901234568e+21),
        .init(
            name: "2^53 + 1 rounds to even", text: "9007199254740993",
            expected: 9_007_199_254_740_992),
        .init(
            name: "largest double", text: "1.7976931348623157e308",
            expected: 1.7976931348623157e+308),
        .init(
            name: "largest subnormal", text: "2.2250738585072011e-308",
            expected: Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
        .init(name: "overflow", text: "1e400", expected: .infinity),
        .init(name: "underflow", text: "1e-400", expected: 0),
        .init(name: "nan", text: "nan", expected: .nan),
        .init(name: "NaN", text: "NaN", expected: .nan),
        .init(name: "signed nan", text: "-nan", expected: .nan),
        .init(name: "inf", text: "inf", expected: .infinity),
        .init(name: "negative inf", text: "-inf", expected: -.infinity),
        .init(name: "Infinity", text: "Infinity", expected: .infinity),
        .init(name: "negative Infinity", text: "-Infinity", expected: -.infinity),
        .init(name: "upper-case INF", text: "INF", expected: .infinity),
        .init(name: "empty", text: "", expected: nil),
        .init(name: "spaces only", text: "   ", expected: nil),
        .init(name: "bare exponent", text: "e5", expected: nil),
        .init(name: "exponent without digits", text: "1e", expected: nil),
        .init(name: "exponent sign without digits", text: "1e+", expected: nil),
        .init(name: "lone dot", text: ".", expected: nil),
        .init(name: "lone sign", text: "-", expected: nil),
        .init(name: "two signs", text: "+-1", expected: nil),
        .init(name: "two dots", text: "1.2.3", expected: nil),
        .init(name: "hexadecimal", text: "0x10", expected: nil),
        .init(name: "decimal comma", text: "1,5", expected: nil),
        .init(name: "word starting with nan", text: "nanx", expected: nil),
        .init(name: "cut infinity", text: "infin", expected: nil),
        .init(name: "two numbers", text: "1 2", expected: nil),
        .init(name: "number with letters", text: "12abc", expected: nil),
        .init(name: "ip address", text: "128.55.224.197", expected: nil),
    ]

    @Test(arguments: numbers)
    func readsNumbersLeniently(_ test: NumberCase) {
        let value = Array(test.text.utf8).withUnsafeBytes { CSVCell.number($0) }
        Self.expect(value, as: test)
    }

    // Decimal comma, dots between thousands; worked by hand.
    static let decimalCommaNumbers: [NumberCase] = [
        .init(name: "decimal comma", text: "2,5", expected: 2.5),
        .init(name: "thousands and a fraction", text: "1.234,5", expected: 1234.5),
        .init(name: "thousands only", text: "12.345", expected: 12345),
        .init(name: "millions", text: "1.000.000", expected: 1_000_000),
        .init(name: "negative with thousands", text: "-1.234,5", expected: -1234.5),
        .init(name: "exponent", text: "1,5e-4", expected: 0.00015),
        .init(name: "zero whole part", text: "0,125", expected: 0.125),
        .init(name: "integer", text: "12", expected: 12),
        .init(name: "padded", text: " 3,25 ", expected: 3.25),
        .init(name: "nan", text: "nan", expected: .nan),
        .init(name: "decimal point", text: "2.5", expected: nil),
        .init(name: "decimal point after 0", text: "0.123", expected: nil),
        .init(name: "first group of four", text: "1234.567", expected: nil),
        .init(name: "group of two", text: "1.23.456", expected: nil),
        .init(name: "leading dot", text: ".5", expected: nil),
        .init(name: "two commas", text: "1,2,3", expected: nil),
        .init(name: "no whole part", text: ",5", expected: 0.5),
        .init(name: "no whole part, negative", text: "-,25", expected: -0.25),
        .init(name: "thousands by a space", text: "1 234,5", expected: 1234.5),
        .init(name: "thousands by a no-break space", text: "2\u{A0}000,5", expected: 2000.5),
        .init(
            name: "millions by narrow ones", text: "1\u{202F}234\u{202F}567,25",
            expected: 1_234_567.25),
        .init(name: "thousands by a space only", text: "12 345", expected: 12345),
        .init(name: "two kinds of separator", text: "1 234.567,5", expected: nil),
        .init(name: "space-grouped group of two", text: "12 34,5", expected: nil),
        .init(name: "space-grouped after 0", text: "0 123,5", expected: nil),
        .init(name: "no digit before the comma", text: "x,5", expected: nil),
        .init(name: "no digit after the comma", text: "5,", expected: nil),
        .init(name: "dot in the fraction", text: "1,5.3", expected: nil),
        .init(name: "dot in the exponent", text: "1e1.000", expected: nil),
        .init(name: "ip address", text: "128.55.224.197", expected: nil),
    ]

    @Test(arguments: decimalCommaNumbers)
    func readsDecimalCommasAndThousands(_ test: NumberCase) {
        let value = Array(test.text.utf8).withUnsafeBytes { CSVCell.decimalCommaNumber($0) }
        Self.expect(value, as: test)
    }

    /// Cells that English may write as whole numbers grouped by a comma, and cells it cannot.
    static let commaGroupings: [(text: String, mayBeGrouped: Bool)] = [
        ("1,234", true), ("12,345", true), ("123,456", true), ("-1,000", true),
        (" 12,345 ", true), ("1,234 MiB", true), ("2,5", false),
        ("0,91", false), ("0,912", false), ("1,2345", false), ("1234,567", false),
        (",5", false), ("1.234,5", false), ("1,23", false), ("1234", false), ("a,bcd", false),
    ]

    @Test(arguments: commaGroupings)
    func tellsCellsThatMayBeGroupedByAComma(_ text: String, _ mayBeGrouped: Bool) {
        let grouped = Array(text.utf8).withUnsafeBytes { CSVCell.mayBeGroupedByComma($0) }
        #expect(grouped == mayBeGrouped)
    }

    /// Checks `value` against the case's expected value, bit for bit (any NaN for NaN).
    private static func expect(_ value: Double?, as test: NumberCase) {
        guard let expected = test.expected else {
            #expect(value == nil)
            return
        }

        guard let value else {
            Issue.record("'\(test.text)' was not read as a number")
            return
        }
        #expect(value.bitPattern == expected.bitPattern || (value.isNaN && expected.isNaN))
    }

    @Test func readsUnitsAfterDecimalCommas() {
        let cells = ["1.234,5 MiB", "45,5 %", "2.5 W"].map { text in
            Array(text.utf8).withUnsafeBytes { CSVCell.classify($0, mark: .comma) }
        }

        #expect(
            cells == [
                .measurement(1234.5, unit: 8..<11), .measurement(45.5, unit: 5..<6), .text,
            ])
    }

    struct CellCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var expected: CSVCell
        var testDescription: String { name }
    }

    static let cells: [CellCase] = [
        .init(name: "empty", text: "", expected: .null),
        .init(name: "N/A", text: "N/A", expected: .null),
        .init(name: "lower-case n/a", text: "n/a", expected: .null),
        .init(name: "bracketed N/A", text: "[N/A]", expected: .null),
        .init(name: "not supported", text: "[Not Supported]", expected: .null),
        .init(name: "number", text: "0.044359", expected: .number(0.044359)),
        .init(name: "nan placeholder", text: "nan", expected: .number(.nan)),
        .init(name: "exponent is not a unit", text: "1e5", expected: .number(100_000)),
        .init(name: "mebibytes", text: "17092 MiB", expected: .measurement(17092, unit: 6..<9)),
        .init(name: "percent with space", text: "45 %", expected: .measurement(45, unit: 3..<4)),
        .init(name: "percent without space", text: "45%", expected: .measurement(45, unit: 2..<3)),
        .init(name: "watts", text: "250.00 W", expected: .measurement(250, unit: 7..<8)),
        .init(name: "megahertz", text: "1410 MHz", expected: .measurement(1410, unit: 5..<8)),
        .init(name: "Python True", text: "True", expected: .bool(true)),
        .init(name: "upper-case FALSE", text: "FALSE", expected: .bool(false)),
        .init(name: "nvidia-smi timestamp", text: "2026/02/02 01:07:37.100", expected: .text),
        .init(name: "ISO-like timestamp", text: "2023-11-16 18:17:03.9799600", expected: .text),
        .init(name: "host name", text: "cgpu17", expected: .text),
        .init(name: "ip address", text: "128.55.224.197", expected: .text),
        .init(name: "letters glued to a number", text: "12abc", expected: .text),
        .init(name: "unit longer than 8 bytes", text: "5 kilobytesx", expected: .text),
        .init(name: "unit starting with a slash", text: "10 /s", expected: .text),
        .init(name: "unit alone", text: "MiB", expected: .text),
    ]

    @Test(arguments: cells)
    func classifiesCells(_ test: CellCase) {
        let cell = Array(test.text.utf8).withUnsafeBytes { CSVCell.classify($0) }
        switch (cell, test.expected) {
        case (.number(let value), .number(let expected)) where value.isNaN:
            #expect(expected.isNaN)
        default:
            #expect(cell == test.expected)
        }
    }
}
