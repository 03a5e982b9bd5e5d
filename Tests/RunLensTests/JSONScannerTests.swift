import Testing

@testable import RunLens

struct JSONScannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var line: String
        var leaves: [String]

        var testDescription: String { name }
    }

    static let validRecords: [Case] = [
        Case(
            name: "flat numbers", line: #"{"step": 1, "loss": 2.5}"#,
            leaves: ["step=1.0", "loss=2.5"]),
        Case(
            name: "every scalar kind", line: #"{"a":"x","b":true,"c":false,"d":null,"e":-3}"#,
            leaves: ["a='x'", "b=true", "c=false", "d=null", "e=-3.0"]),
        Case(
            name: "whitespace everywhere", line: " \t{ \"a\" : 1 ,\r\"b\" :\t[ 1 , 2 ] }\r\n",
            leaves: ["a=1.0", "b[0]=1.0", "b[1]=2.0"]),
        Case(name: "empty object", line: "{}", leaves: []),
        Case(name: "empty nested object", line: #"{"a":{},"b":1}"#, leaves: ["b=1.0"]),
        Case(name: "duplicate keys", line: #"{"a":1,"a":2}"#, leaves: ["a=1.0", "a=2.0"]),
        Case(name: "empty key and value", line: #"{"":""}"#, leaves: ["=''"]),
        Case(name: "slash in key kept", line: #"{"train/loss":1}"#, leaves: ["train/loss=1.0"]),
        Case(
            name: "exponents and signed zero", line: #"{"a":1E+2,"b":2.5e-4,"c":-0.0,"d":-0}"#,
            leaves: ["a=100.0", "b=0.00025", "c=-0.0", "d=-0.0"]),
        Case(
            name: "huge and tiny numbers", line: #"{"a":1e400,"b":-1e400,"c":4.9e-324}"#,
            leaves: ["a=inf", "b=-inf", "c=5e-324"]),
        Case(
            name: "python special tokens", line: #"{"a":NaN,"b":Infinity,"c":-Infinity}"#,
            leaves: ["a=nan", "b=inf", "c=-inf"]),
        Case(
            name: "printf and f-string non-finite words",
            line: #"{"a":nan,"b":-nan,"c":inf,"d":-inf,"e":INF,"f":+Inf,"g":-Inf,"h":NAN}"#,
            leaves: ["a=nan", "b=nan", "c=inf", "d=-inf", "e=inf", "f=inf", "g=-inf", "h=nan"]),
        Case(
            name: "non-finite words in an array and before a brace",
            line: #"{"v":[1,nan,-infinity],"w":Infinity}"#,
            leaves: ["v[0]=1.0", "v[1]=nan", "v[2]=-inf", "w=inf"]),
        Case(
            name: "no whitespace at all", line: #"{"a":[1,2],"b":{"c":"d"}}"#,
            leaves: ["a[0]=1.0", "a[1]=2.0", "b/c='d'"]),
        Case(
            name: "the usual spacing, nested",
            line: #"{"a": 1, "b": {"c": 2, "d": [3, 4]}, "e": "x"}"#,
            leaves: ["a=1.0", "b/c=2.0", "b/d[0]=3.0", "b/d[1]=4.0", "e='x'"]),
        Case(
            name: "more spaces than usual", line: #"{"a" :  1,  "b":  2 , "c"  : 3}"#,
            leaves: ["a=1.0", "b=2.0", "c=3.0"]),
    ]

    @Test(arguments: validRecords)
    func visitsTheLeavesOfValidRecords(_ example: Case) {
        let (result, leaves) = scan(example.line)
        #expect(result == .record)
        #expect(leaves == example.leaves)
    }

    static let nestedRecords: [Case] = [
        Case(name: "one level", line: #"{"train":{"loss":1}}"#, leaves: ["train/loss=1.0"]),
        Case(
            name: "four levels then a sibling", line: #"{"a":{"b":{"c":{"d":true}}},"e":1}"#,
            leaves: ["a/b/c/d=true", "e=1.0"]),
        Case(
            name: "prefix restored after a deeper object",
            line: #"{"a":{"x":1,"y":{"z":2},"w":3},"a2":{"x":4}}"#,
            leaves: ["a/x=1.0", "a/y/z=2.0", "a/w=3.0", "a2/x=4.0"]),
        Case(
            name: "escaped keys", line: #"{"t\u00e9":{"x\"y":1,"q":{"\/":"v"}}}"#,
            leaves: [#"té/x"y=1.0"#, "té/q//='v'"]),
        Case(
            name: "array inside nested object", line: #"{"gpu":{"util":[97,95]}}"#,
            leaves: ["gpu/util[0]=97.0", "gpu/util[1]=95.0"]),
        Case(
            name: "long prefix over short keys",
            line: #"{"a_rather_long_parent_name_for_the_path":{"k":1,"l":{"m":2}}}"#,
            leaves: [
                "a_rather_long_parent_name_for_the_path/k=1.0",
                "a_rather_long_parent_name_for_the_path/l/m=2.0",
            ]),
    ]

    @Test(arguments: nestedRecords)
    func flattensNestedObjectsIntoSlashKeys(_ example: Case) {
        let (result, leaves) = scan(example.line)
        #expect(result == .record)
        #expect(leaves == example.leaves)
    }

    static let arrays: [Case] = [
        Case(
            name: "two numbers", line: #"{"gpu_util":[97,95]}"#,
            leaves: ["gpu_util[0]=97.0", "gpu_util[1]=95.0"]),
        Case(
            name: "special numbers", line: #"{"v":[1,NaN,-Infinity]}"#,
            leaves: ["v[0]=1.0", "v[1]=nan", "v[2]=-inf"]),
        Case(name: "empty array", line: #"{"v":[],"z":1}"#, leaves: ["z=1.0"]),
        Case(
            name: "sixty-four numbers",
            line: "{\"v\":[" + (0..<64).map(String.init).joined(separator: ",") + "]}",
            leaves: (0..<64).map { "v[\($0)]=\(Double($0))" }),
        Case(
            name: "sixty-five numbers skipped",
            line: "{\"v\":[" + (0..<65).map(String.init).joined(separator: ",") + "],\"z\":1}",
            leaves: ["z=1.0"]),
        Case(name: "strings skipped", line: #"{"v":["a",1],"z":1}"#, leaves: ["z=1.0"]),
        Case(
            name: "string after numbers skipped", line: #"{"v":[1,2,"a"],"z":1}"#, leaves: ["z=1.0"]
        ),
        Case(name: "literal skipped", line: #"{"v":[1,true],"z":1}"#, leaves: ["z=1.0"]),
        Case(name: "null skipped", line: #"{"v":[null,1],"z":1}"#, leaves: ["z=1.0"]),
        Case(name: "array of arrays skipped", line: #"{"v":[[1,2],[3]],"z":1}"#, leaves: ["z=1.0"]),
        Case(name: "nested array after numbers", line: #"{"v":[1,[2]],"z":1}"#, leaves: ["z=1.0"]),
        Case(name: "objects skipped", line: #"{"v":[{"a":1}],"z":1}"#, leaves: ["z=1.0"]),
        Case(name: "object after numbers", line: #"{"v":[1,{"a":2}],"z":1}"#, leaves: ["z=1.0"]),
        Case(
            name: "kept array after a skipped one", line: #"{"s":["x"],"v":[3],"w":[[4]],"u":[5]}"#,
            leaves: ["v[0]=3.0", "u[0]=5.0"]),
        Case(
            name: "object inside skipped array keeps nothing",
            line: #"{"s":[{"a":{"b":[1]}}],"z":{"y":1}}"#, leaves: ["z/y=1.0"]),
    ]

    @Test(arguments: arrays)
    func visitsShortNumberArraysAndSkipsOtherArrays(_ example: Case) {
        let (result, leaves) = scan(example.line)
        #expect(result == .record)
        #expect(leaves == example.leaves)
    }

    static let escapes: [(String, String, [UInt8])] = [
        ("simple escapes", #"\"\\\/\b\f\n\r\t"#, [0x22, 0x5C, 0x2F, 0x08, 0x0C, 0x0A, 0x0D, 0x09]),
        ("ascii by code", #"\u0041"#, [0x41]),
        ("two-byte", #"\u00e9"#, [0xC3, 0xA9]),
        ("three-byte", #"\u20AC"#, [0xE2, 0x82, 0xAC]),
        ("surrogate pair", #"\ud83d\ude00"#, [0xF0, 0x9F, 0x98, 0x80]),
        ("surrogate pair upper case", #"\uD83D\uDE00"#, [0xF0, 0x9F, 0x98, 0x80]),
        ("nul", #"a\u0000b"#, [0x61, 0x00, 0x62]),
        ("lone high surrogate", #"\ud800x"#, [0xEF, 0xBF, 0xBD, 0x78]),
        ("lone high surrogate at end", #"\ud800"#, [0xEF, 0xBF, 0xBD]),
        ("lone low surrogate", #"\udc00"#, [0xEF, 0xBF, 0xBD]),
        ("high then plain escape", #"\ud800\u0041"#, [0xEF, 0xBF, 0xBD, 0x41]),
        ("two highs then low", #"\ud800\ud83d\ude00"#, [0xEF, 0xBF, 0xBD, 0xF0, 0x9F, 0x98, 0x80]),
        (
            "escape after a long plain run", #"0123456789abcdefghij\nz"#,
            Array("0123456789abcdefghij\nz".utf8)
        ),
        ("raw multibyte passes", "é€😀", Array("é€😀".utf8)),
        ("delete byte passes", "\u{7F}", [0x7F]),
    ]

    @Test(arguments: escapes)
    func unescapesStrings(name: String, escaped: String, bytes: [UInt8]) {
        let (result, recorder) = scanRecording(#"{"s":""# + escaped + #"","n":1}"#)
        #expect(result == .record, "\(name)")
        #expect(recorder.stringBytes == [bytes], "\(name)")
        #expect(recorder.leaves.last == "n=1.0", "\(name)")
    }

    @Test func unescapesKeys() {
        let (result, recorder) = scanRecording(#"{"a\u0000b\ud83d\ude00":1}"#)
        #expect(result == .record)
        #expect(recorder.keyBytes == [[0x61, 0x00, 0x62, 0xF0, 0x9F, 0x98, 0x80]])
    }

    @Test func passesInvalidUTF8Through() {
        let line: [UInt8] =
            Array(#"{"s":""#.utf8) + [0xFF, 0xFE, 0x20, 0xC3] + Array(#"","k"#.utf8) + [0xC3]
            + Array(#"":1}"#.utf8)
        let (result, recorder) = scanBytes(line)
        #expect(result == .record)
        #expect(recorder.stringBytes == [[0xFF, 0xFE, 0x20, 0xC3]])
        #expect(recorder.keyBytes == [Array("s".utf8), [0x6B, 0xC3]])
    }

    @Test func acceptsNestingOf512Levels() {
        let line =
            String(repeating: #"{"a":"#, count: 511) + #"{"x":1}"#
            + String(repeating: "}", count: 511)
        let (result, leaves) = scan(line)
        #expect(result == .record)
        #expect(leaves == [String(repeating: "a/", count: 511) + "x=1.0"])

        let arrays =
            #"{"a":"# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511)
            + "}"
        #expect(scan(arrays).0 == .record)
    }

    @Test func rejectsNestingOf513Levels() {
        let line =
            String(repeating: #"{"a":"#, count: 512) + "{}" + String(repeating: "}", count: 512)
        let (result, leaves) = scan(line)
        #expect(result == .malformed(reason: "nesting deeper than 512 levels", column: 512 * 5 + 1))
        #expect(leaves.isEmpty)
    }

    @Test func rejects100000NestedArraysWithoutCrashing() {
        let open = #"{"a":"# + String(repeating: "[", count: 100_000)
        let expected = JSONScanResult.malformed(
            reason: "nesting deeper than 512 levels", column: 5 + 512)
        #expect(scan(open).0 == expected)
        #expect(scan(open + String(repeating: "]", count: 100_000) + "}").0 == expected)

        let bare = String(repeating: "[", count: 100_000)
        #expect(scan(bare).0 == .malformed(reason: "not a JSON object", column: 1))
    }

    @Test func rejects100000NestedObjectsWithoutCrashing() {
        let line = String(repeating: #"{"a":"#, count: 100_000)
        #expect(
            scan(line).0
                == .malformed(reason: "nesting deeper than 512 levels", column: 512 * 5 + 1))
    }

    static let malformed: [(String, String, String, Int)] = [
        ("missing comma", #"{"a":1 "b":2}"#, "expected ',' or '}' after a value", 8),
        ("missing colon", #"{"a" 1}"#, "expected ':' after a key", 6),
        ("trailing comma in object", #"{"a":1,}"#, "expected a string key", 8),
        ("trailing comma in array", #"{"a":[1,]}"#, "expected a value", 9),
        ("unquoted key", "{a:1}", "expected a string key", 2),
        ("single quotes", "{'a':1}", "expected a string key", 2),
        ("number key", "{1:1}", "expected a string key", 2),
        ("unterminated string", #"{"a":"abc"#, "unterminated string", 6),
        (
            "unterminated long string", #"{"a":"abcdefghijklmnopqrstuvwxyz"#, "unterminated string",
            6
        ),
        ("unterminated key", #"{"abc"#, "unterminated string", 2),
        ("unterminated after escape", #"{"a":"x\n"#, "unterminated string", 6),
        ("backslash at end", #"{"a":"x\"#, "unterminated string", 6),
        ("invalid escape", #"{"a":"\x"}"#, "invalid escape", 7),
        ("invalid escape after text", #"{"a":"abc\'"}"#, "invalid escape", 10),
        ("bad hex in unicode escape", #"{"a":"\u12G4"}"#, "invalid escape", 7),
        ("short unicode escape", #"{"a":"\u12"}"#, "invalid escape", 7),
        ("tab inside string", "{\"a\":\"x\ty\"}", "control character in string", 8),
        ("control byte after escape", "{\"a\":\"\\n\u{01}\"}", "control character in string", 9),
        ("glued objects", #"{"a":1}{"a":2}"#, "data after the object", 8),
        ("trailing word", #"{"a":1} x"#, "data after the object", 9),
        ("top-level array", "[1,2]", "not a JSON object", 1),
        ("top-level number", "  42", "not a JSON object", 3),
        ("top-level string", #""abc""#, "not a JSON object", 1),
        ("top-level literal", "null", "not a JSON object", 1),
        ("leading zero", #"{"a":01}"#, "invalid number '01'", 6),
        ("bare fraction", #"{"a":.5}"#, "invalid number '.5'", 6),
        ("bare point", #"{"a":1.}"#, "invalid number '1.'", 6),
        ("plus sign", #"{"a":+1}"#, "invalid number '+1'", 6),
        ("empty exponent", #"{"a":1e}"#, "invalid number '1e'", 6),
        ("hex", #"{"a":0x1F}"#, "invalid number '0x1F'", 6),
        ("lone minus", #"{"a":-}"#, "invalid number '-'", 6),
        ("two points", #"{"a":1.5.2}"#, "invalid number '1.5.2'", 6),
        ("cut infinity", #"{"a":-Infinit}"#, "invalid number '-Infinit'", 6),
        ("nan with a suffix", #"{"a":nanx}"#, "invalid literal 'nanx'", 6),
        ("signed word", #"{"a":+nul}"#, "invalid number '+nul'", 6),
        ("number with unit", #"{"a":[1,5ms]}"#, "invalid number '5ms'", 9),
        (
            "long token cut", #"{"a":0123456789012345678901234567890123456789}"#,
            "invalid number '01234567890123456789012345678901...'", 6
        ),
        ("capitalised literal", #"{"a":True}"#, "invalid literal 'True'", 6),
        ("cut literal", #"{"a":nul}"#, "invalid literal 'nul'", 6),
        ("cut inf", #"{"a":in}"#, "invalid literal 'in'", 6),
        ("literal with suffix", #"{"a":truex}"#, "invalid literal 'truex'", 6),
        ("stray symbol", #"{"a":@}"#, "expected a value", 6),
        ("missing value", #"{"a":}"#, "expected a value", 6),
        ("array closed by brace", #"{"a":[1}"#, "expected ',' or ']' after a value", 8),
        ("object closed by bracket", #"{"a":{"b":1]}"#, "expected ',' or '}' after a value", 12),
        ("cut after value", #"{"a":1"#, "unexpected end of line", 7),
        ("cut after colon", #"{"a":"#, "unexpected end of line", 6),
        ("cut after key", #"{"a""#, "unexpected end of line", 5),
        ("cut after brace", "{", "unexpected end of line", 2),
        ("cut inside array", #"{"a":[1,2"#, "unexpected end of line", 10),
        ("cut before line end", "{\"a\":1 \r\n", "unexpected end of line", 7),
        ("missing colon after a spaced key", #"{"a": 1, "b" 2}"#, "expected ':' after a key", 14),
        ("missing value after a spaced colon", #"{"a": 1, "b": }"#, "expected a value", 15),
        ("spaced key without quotes", #"{"a": 1, b: 2}"#, "expected a string key", 10),
        ("cut after a spaced comma", #"{"a": 1, "#, "unexpected end of line", 9),
        ("cut after a spaced colon", #"{"a": 1, "b": "#, "unexpected end of line", 14),
        ("cut after a spaced key's quote", #"{"a": 1, ""#, "unterminated string", 10),
    ]

    @Test(arguments: malformed)
    func reportsWhyAndWhereALineIsMalformed(name: String, line: String, reason: String, column: Int)
    {
        let (result, leaves) = scan(line)
        #expect(result == .malformed(reason: reason, column: column), "\(name)")
        #expect(leaves.isEmpty, "\(name)")
    }

    @Test(arguments: malformed)
    func reportsTheSameErrorWhenVisitingEarlyAndRestartsTheRecord(
        name: String, line: String, reason: String, column: Int
    ) {
        let (result, recorder) = scanEarly(line)
        #expect(result == .malformed(reason: reason, column: column), "\(name)")
        #expect(recorder.leaves.isEmpty, "\(name)")
        #expect(recorder.restarts == 1, "\(name)")
    }

    @Test(arguments: validRecords + nestedRecords + arrays)
    func visitsTheSameLeavesEarly(_ example: Case) {
        let (result, recorder) = scanEarly(example.line)
        #expect(result == .record)
        #expect(recorder.leaves == example.leaves)
        #expect(recorder.restarts == 0)
    }

    @Test func visitsFlatMembersEarlyUntilAnObjectOrAnArray() {
        let line = #"{"a": 1, "b": "x", "c": true, "d": null, "e": {"f": 2}, "g": 3}"#
        let (result, recorder) = scanEarly(line)

        #expect(result == .record)
        #expect(recorder.early == ["a=1.0", "b='x'", "c=true", "d=null"])
        #expect(recorder.leaves == ["a=1.0", "b='x'", "c=true", "d=null", "e/f=2.0", "g=3.0"])
    }

    @Test func visitsTheRestAfterTheScanFromTheFirstDeclinedLeaf() {
        let line = #"{"a": 1, "new": 2, "c": 3, "v": [4]}"#
        let (result, recorder) = scanEarly(line, declining: ["new"])

        #expect(result == .record)
        #expect(recorder.early == ["a=1.0"])
        #expect(recorder.leaves == ["a=1.0", "new=2.0", "c=3.0", "v[0]=4.0"])
    }

    @Test func restartsTheRecordForDataAfterTheObject() {
        let (result, recorder) = scanEarly(#"{"a": 1, "b": 2} 3"#)

        #expect(result == .malformed(reason: "data after the object", column: 18))
        #expect(recorder.leaves.isEmpty)
        #expect(recorder.restarts == 1)
    }

    @Test func visitsNothingWhenTheErrorComesLate() {
        let (result, leaves) = scan(#"{"a":1,"b":{"c":[1,2],"d":"x"},"e":tru}"#)
        #expect(result == .malformed(reason: "invalid literal 'tru'", column: 36))
        #expect(leaves.isEmpty)
    }

    @Test(arguments: ["", " ", "\t", "\r", "\n", "\r\n", "  \t \r\n"])
    func reportsBlankLinesAsEmpty(line: String) {
        #expect(scan(line).0 == .empty)
    }

    @Test func reusesOneScannerAcrossLinesOfEveryKind() {
        var scanner = JSONScanner()
        let long = String(repeating: "x", count: 5000)
        let lines: [(String, JSONScanResult, [String])] = [
            (#"{"a":{"b":"\n"}}"#, .record, ["a/b='\n'"]),
            (#"{"a":[1,2,"#, .malformed(reason: "unexpected end of line", column: 11), []),
            (#"{"k\u00e9":""# + long + #"\t"}"#, .record, ["ké='" + long + "\t'"]),
            ("", .empty, []),
            (#"{"v":[1,2],"w":{"x":{"y":3}}}"#, .record, ["v[0]=1.0", "v[1]=2.0", "w/x/y=3.0"]),
            (#"{"a":1}"#, .record, ["a=1.0"]),
        ]
        for _ in 0..<3 {
            for (line, result, leaves) in lines {
                var recorder = LeafRecorder()
                let got = Array(line.utf8).withUnsafeBytes {
                    scanner.scanRecord($0, visitor: &recorder)
                }
                #expect(got == result)
                #expect(recorder.leaves == leaves)
            }
        }
    }

    @Test func growsItsBuffersForLargeRecords() {
        let members = (0..<2000).map { #""k\#($0)":[\#($0),1,2]"# }
        let longKey = String(repeating: "p", count: 1000)
        let nested = #""\#(longKey)":{"\#(longKey)":{"x\ty":"a\nb"}}"#
        let (result, leaves) = scan("{" + members.joined(separator: ",") + "," + nested + "}")

        #expect(result == .record)
        #expect(leaves.count == 6001)
        #expect(leaves[3000] == "k1000[0]=1000.0")
        #expect(leaves.last == longKey + "/" + longKey + "/x\ty='a\nb'")
    }

    private func scan(_ line: String) -> (JSONScanResult, [String]) {
        var scanner = JSONScanner()
        return scan(line, with: &scanner)
    }

    private func scan(_ line: String, with scanner: inout JSONScanner) -> (JSONScanResult, [String])
    {
        var recorder = LeafRecorder()
        let result = Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &recorder) }
        return (result, recorder.leaves)
    }

    private func scanEarly(_ line: String, declining declined: Set<String> = [])
        -> (JSONScanResult, EarlyLeafRecorder)
    {
        var scanner = JSONScanner()
        var recorder = EarlyLeafRecorder(declined: declined)
        let result = Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &recorder) }
        return (result, recorder)
    }

    private func scanRecording(_ line: String) -> (JSONScanResult, LeafRecorder) {
        scanBytes(Array(line.utf8))
    }

    private func scanBytes(_ line: [UInt8]) -> (JSONScanResult, LeafRecorder) {
        var scanner = JSONScanner()
        var recorder = LeafRecorder()
        let result = line.withUnsafeBytes { scanner.scanRecord($0, visitor: &recorder) }
        return (result, recorder)
    }
}
