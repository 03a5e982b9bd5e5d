import Testing

@testable import RunLens

struct RecordBuilderTests {
    /// Builds a record from each of `lines` in turn, reusing one builder; the last record's
    /// values with their names.
    private func build(_ lines: [String]) -> [(name: String, index: Int32, value: Double)] {
        let (record, fields) = lastRecord(lines)
        return record.values.map { (fields.infos[Int($0.field)].rawName, $0.index, $0.value) }
    }

    /// The record built from the last of `lines`, one builder reading them in turn, and the
    /// names it interned.
    private func lastRecord(_ lines: [String]) -> (record: Record, fields: FieldTable) {
        let fields = FieldTable(matcher: RoleMatcher())
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        for line in lines {
            builder.begin()
            _ = Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) }
        }
        return (builder.record, fields)
    }

    @Test func aMalformedLineLeavesAnEmptyRecordAndNoNewName() {
        let fields = FieldTable(matcher: RoleMatcher())
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        var results: [JSONScanResult] = []
        for line in [#"{"loss": 1, "lr": 2}"#, #"{"loss": 3, "lr": 4, "fresh": 5, "mfu": }"#] {
            builder.begin()
            results.append(
                Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) })
        }

        #expect(results[1] == .malformed(reason: "expected a value", column: 41))
        #expect(builder.record.values.isEmpty)
        #expect(builder.record.leafCount == 0)
        #expect(fields.infos.map(\.rawName) == ["loss", "lr"])
    }

    @Test func aNewNameOrANestedObjectKeepsTheLeavesInOrder() {
        let values = build([
            #"{"loss": 1, "acc": 2}"#,
            #"{"loss": 3, "fresh": 4, "acc": 5, "opt": {"beta": 6}, "loss": 7}"#,
        ])

        #expect(values.map(\.name) == ["fresh", "acc", "opt/beta", "loss"])
        #expect(values.map(\.value) == [4, 5, 6, 7])
    }

    @Test func aKeyWrittenTwiceKeepsItsLastValueAsJSONReadersDo() {
        let values = build(["{\"step\": 1, \"loss\": 1, \"lr\": 3, \"loss\": 10}"])

        #expect(values.map(\.name) == ["lr", "loss"])
        #expect(values.map(\.value) == [3, 10])
    }

    // The first line's names are new, so it is visited after the scan; the second line's
    // are known, so it is visited during the scan. Both keep each key's last value.
    @Test(arguments: [0, 1])
    func aStepTimeOrRankWrittenTwiceKeepsItsLastValue(_ line: Int) {
        let lines = [
            #"{"step": 2, "rank": 1, "timestamp": 1700000000, "step": 50, "loss": 1, "#
                + #""rank": 3, "timestamp": 1700000100}"#,
            #"{"step": 4, "rank": 5, "timestamp": 1700000200, "step": 60, "loss": 1, "#
                + #""rank": 6, "timestamp": 1700000300}"#,
        ]
        let record = lastRecord(Array(lines.prefix(line + 1))).record

        #expect(record.step == [50.0, 60.0][line])
        #expect(record.rank == [3, 6][line])
        #expect(record.time == [1_700_000_100.0, 1_700_000_300.0][line])
    }

    @Test func aTimestampTextWrittenTwiceKeepsItsLastValue() {
        let record = lastRecord([
            #"{"step": 1, "time": "2024-01-01T00:00:00Z", "time": "2024-01-01T00:01:00Z"}"#
        ]).record

        // 2024-01-01T00:01:00Z is 1,704,067,260 s after the epoch (19,723 days × 86,400 + 60).
        #expect(record.time == 1_704_067_260)
    }

    @Test func anArrayWrittenTwiceIsReplacedWhole() {
        let values = build(["{\"gpu_util\": [1, 2], \"gpu_util\": [30, 40, 50]}"])

        #expect(values.map(\.index) == [0, 1, 2])
        #expect(values.map(\.value) == [30, 40, 50])
    }

    @Test func aScalarAfterAnArrayOfTheSameKeyReplacesIt() {
        let values = build(["{\"gpu_util\": [1, 2], \"gpu_util\": 7}"])

        #expect(values.map(\.index) == [-1])
        #expect(values.map(\.value) == [7])
    }

    @Test func theSameKeyInTheNextRecordIsNotADuplicate() {
        let values = build(["{\"loss\": 1}", "{\"loss\": 2, \"lr\": 1}"])

        #expect(values.map(\.value) == [2, 1])
    }

    @Test func aKeyWrittenTwiceIsFoundAmongMoreThanSixtyFourFields() {
        let members = (0..<100).map { "\"m\($0)\": \($0)" }.joined(separator: ", ")
        let values = build(["{\(members), \"m90\": 1000, \"m3\": 3000}"])

        #expect(values.count == 100)
        #expect(values.suffix(2).map(\.name) == ["m90", "m3"])
        #expect(values.suffix(2).map(\.value) == [1000, 3000])
    }
}
