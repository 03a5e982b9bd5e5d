import Testing

@testable import RunLens

/// The parts of one log are put in the order they were written, in the places they held.
struct ContinuationOrderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String]
        /// First record times by path; a path not listed has none.
        var times: [String: Double] = [:]
        var expected: [String]

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "logrotate's parts, untimed: highest number first, the bare name last",
            files: ["rot/train.jsonl", "rot/train.jsonl.1", "rot/train.jsonl.2.gz"],
            expected: ["rot/train.jsonl.2.gz", "rot/train.jsonl.1", "rot/train.jsonl"]),
        Case(
            name: "dated parts, untimed: earliest date first, the bare name last",
            files: ["t.jsonl", "t.jsonl-20240513.gz", "t.jsonl-20240514"],
            expected: ["t.jsonl-20240513.gz", "t.jsonl-20240514", "t.jsonl"]),
        Case(
            name: "a launch folder that sorts first but started later goes after",
            files: ["job/continued/train.jsonl", "job/original/train.jsonl"],
            times: ["job/continued/train.jsonl": 2_000, "job/original/train.jsonl": 1_000],
            expected: ["job/original/train.jsonl", "job/continued/train.jsonl"]),
        Case(
            name: "times decide over rotation numbers when every part is timed",
            files: ["r/x.jsonl", "r/x.jsonl.1"],
            times: ["r/x.jsonl": 5, "r/x.jsonl.1": 9],
            expected: ["r/x.jsonl", "r/x.jsonl.1"]),
        Case(
            name: "one untimed part: launch folders keep their order",
            files: ["b/train.jsonl", "a/train.jsonl"],
            times: ["b/train.jsonl": 2_000],
            expected: ["b/train.jsonl", "a/train.jsonl"]),
        Case(
            name: "each node's rank is ordered in its own places",
            files: [
                "l1/node0/rank0.jsonl", "l1/node1/rank0.jsonl", "l2/node0/rank0.jsonl",
                "l2/node1/rank0.jsonl",
            ],
            times: [
                "l1/node0/rank0.jsonl": 200, "l1/node1/rank0.jsonl": 201,
                "l2/node0/rank0.jsonl": 100, "l2/node1/rank0.jsonl": 101,
            ],
            expected: [
                "l2/node0/rank0.jsonl", "l2/node1/rank0.jsonl", "l1/node0/rank0.jsonl",
                "l1/node1/rank0.jsonl",
            ]),
        Case(
            name: "rank folders are different logs, whatever their times",
            files: ["rank0/train.jsonl", "rank1/train.jsonl"],
            times: ["rank0/train.jsonl": 9, "rank1/train.jsonl": 1],
            expected: ["rank0/train.jsonl", "rank1/train.jsonl"]),
        Case(
            name: "numbers without the bare name may be ranks: kept",
            files: ["logs/m.1", "logs/m.2"],
            expected: ["logs/m.1", "logs/m.2"]),
        Case(
            name: "other files keep their places; equal times keep the given order",
            files: ["x/eval.jsonl", "x/train.jsonl", "y/train.jsonl", "z/train.jsonl", "-"],
            times: [
                "x/eval.jsonl": 1, "x/train.jsonl": 7, "y/train.jsonl": 3, "z/train.jsonl": 3,
            ],
            expected: ["x/eval.jsonl", "y/train.jsonl", "z/train.jsonl", "x/train.jsonl", "-"]),
    ]

    @Test(arguments: cases)
    func ordersThePartsOfOneLog(_ test: Case) {
        let ordered = ContinuationOrder.ordered(test.files) { test.times[$0] }

        #expect(ordered == test.expected)
    }

    @Test func asksTheTimeOnlyOfFilesWithOtherParts() {
        var asked: [String] = []

        _ = ContinuationOrder.ordered(["a/eval.jsonl", "a/train.jsonl", "b/train.jsonl"]) {
            asked.append($0)
            return nil
        }

        #expect(asked == ["a/train.jsonl", "b/train.jsonl"])
    }
}
