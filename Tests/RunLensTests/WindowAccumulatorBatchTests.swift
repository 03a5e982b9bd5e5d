import Foundation
import Testing

@testable import RunLens

/// `add(positions:values:)` against the same values added one by one, the path every other
/// test checks by hand: every number, bit for bit (compared through their descriptions, so
/// that NaN equals NaN and −0 differs from 0).
struct WindowAccumulatorBatchTests {
    /// Steps mostly rising, with what the batch path must hand back to the one-value path:
    /// NaN, infinite and negative values, zeros, repeated, earlier (late) and unusable steps.
    static func observations(count: Int, seed: UInt64) -> [Observation] {
        var generator = StatsTestData.Generator(state: seed)
        let values = StatsTestData.lognormal(count: count, seed: seed)
        var step = 0.0
        return values.indices.map { index in
            let roll = Int.random(in: 0..<100, using: &generator)
            step += roll < 5 ? 0 : 1
            let position: Double =
                switch roll {
                case 0: .nan
                case 1: step - 35
                case 2: 1e300
                default: step
                }
            let value: Double =
                switch roll {
                case 3: .nan
                case 4: -.infinity
                case 5, 6: 0
                case 7..<15: -values[index]
                default: values[index]
                }
            return Observation(position: position, value: value)
        }
    }

    /// Feeds `observations` in chunks of `chunk` to one accumulator and one by one to another;
    /// returns the descriptions of what each gave (closed windows as they closed, the final
    /// ones, the whole run, the late and rejected counts).
    static func both(
        _ observations: [Observation], chunk: Int, make: () throws -> WindowAccumulator
    ) throws -> (batched: [String], single: [String]) {
        var batched = try make()
        var single = try make()
        var batchedLog: [String] = []
        var singleLog: [String] = []
        for start in stride(from: 0, to: observations.count, by: chunk) {
            let part = observations[start..<min(start + chunk, observations.count)]
            let positions = part.map(\.position)
            let values = part.map(\.value)
            positions.withUnsafeBufferPointer { positions in
                values.withUnsafeBufferPointer { batched.add(positions: positions, values: $0) }
            }
            for observation in part {
                single.add(position: observation.position, value: observation.value)
            }
            batchedLog.append("\(batched.drainClosedWindows())")
            singleLog.append("\(single.drainClosedWindows())")
        }
        batchedLog += Self.end(&batched)
        singleLog += Self.end(&single)
        return (batchedLog, singleLog)
    }

    /// Finishes `accumulator`: the descriptions of its last windows, whole run and counts.
    static func end(_ accumulator: inout WindowAccumulator) -> [String] {
        [
            "\(accumulator.finish())", "\(accumulator.runStats())",
            "late \(accumulator.lateCount) rejected \(accumulator.rejectedCount)",
        ]
    }

    @Test(arguments: [1, 3, 64, 1_000, 5_000])
    func fixedWindowsGiveWhatOneByOneGives(chunk: Int) throws {
        let observations = Self.observations(count: 5_000, seed: 7)

        let (batched, single) = try Self.both(observations, chunk: chunk) {
            try #require(WindowAccumulator(width: 10))
        }

        #expect(batched == single)
        #expect(batched.count > 3)
    }

    // Windows small enough to spill to their sketch and a whole run past its exact capacity
    // partway through a chunk.
    @Test(arguments: [7, 500])
    func spilledWindowsAndTheRunLimitGiveWhatOneByOneGives(chunk: Int) throws {
        let observations = Self.observations(count: 3_000, seed: 8)

        let (batched, single) = try Self.both(observations, chunk: chunk) {
            try #require(WindowAccumulator(width: 40, exactCapacity: 12, runExactCapacity: 1_000))
        }

        #expect(batched == single)
    }

    @Test func adaptiveWindowsGiveWhatOneByOneGives() throws {
        let observations = Self.observations(count: 3_000, seed: 9)

        let (batched, single) = try Self.both(observations, chunk: 100) {
            WindowAccumulator(grid: WindowGrid(target: 10))
        }

        #expect(batched == single)
    }
}
