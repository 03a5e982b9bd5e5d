import Foundation
import Testing

@testable import RunLens

struct MemoryGrowthDetectorTests {
    /// Case 16's records, with `leak` (GB per hour) added to the allocated memory.
    static func case16(leakPerHour leak: Double, settings: FleetSettings = FleetSettings())
        throws -> [Incident]
    {
        let text = try String(
            contentsOfFile: FleetPaths.path("cases/16-memory-warmup-sawtooth.jsonl"),
            encoding: .utf8)
        let feed = FleetFeed([MemoryGrowthDetector(settings: settings)])
        var start: Double?
        for line in text.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let step = try #require(object["step"] as? Double)
            let time = try #require(object["timestamp"] as? Double)
            let allocated = try #require(object["gpu_memory_allocated"] as? Double)
            let reserved = try #require(object["gpu_memory_reserved"] as? Double)
            let hours = (time - (start ?? time)) / 3600
            start = start ?? time
            feed.add(
                "gpu_memory_allocated", step: step, time: time, value: allocated + leak * hours)
            feed.add("gpu_memory_reserved", step: step, time: time, value: reserved)
        }
        return feed.incidents()
    }

    /// A number in `text` right after `prefix`.
    static func number(after prefix: String, in text: String) -> Double? {
        guard let range = text.range(of: prefix) else { return nil }
        return Double(text[range.upperBound...].prefix { "0123456789.".contains($0) })
    }

    @Test func case16WarmupThenSawtoothIsNoLeak() throws {
        #expect(try Self.case16(leakPerHour: 0).isEmpty)
    }

    @Test func case16WithItsTroughsRisingIsALeak() throws {
        // 1.125 GB/h on troughs at 4.5 GB: 25%/h at the start, about 24%/h of the floor
        // once the first 10% (6 minutes) are skipped as warm-up; the window minima sit
        // wherever each window's trough falls, so the fit is a few percent off.
        let incidents = try Self.case16(leakPerHour: 1.125)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "memory_growth")
        #expect(incident.severity == .warning)
        #expect(incident.metric == "gpu_memory_allocated")
        let rate = try #require(Self.number(after: "grows ", in: incident.message))
        #expect(rate > 21 && rate < 28)
        // The way out names a flag and a config key that exist.
        #expect(
            incident.message.contains(
                "capacity unknown (no memory.total in the log; pass --gpu-memory or set "
                    + "fleet.memory_growth.gpu_memory_capacity in the config"))
    }

    @Test func wandbEventsExcerptIsTooShortButReportedAsInfo() throws {
        let feed = FleetFeed([MemoryGrowthDetector()])
        try feed.addFile(
            FleetPaths.path("corpus/wandb-events-jsonl/spaceinvaders_wandb-events.head9.jsonl"))
        let incidents = feed.incidents()

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.metric == "system.proc.memory.rssMB")
        #expect(incident.severity == .info)
        #expect(incident.message.contains("1775.8 MB to 2753.2 MB (+55.0%)"))
        #expect(incident.message.contains("too short"))
    }

    /// Memory that grows `perHour` (in its unit) from `start`, sampled every minute.
    static func growing(
        _ name: String, from start: Double, perHour: Double, minutes: Int = 120,
        total: Double? = nil, settings: FleetSettings = FleetSettings()
    ) -> [Incident] {
        let feed = FleetFeed([MemoryGrowthDetector(settings: settings)])
        for minute in 0..<minutes {
            let time = 1_700_000_000 + Double(minute) * 60
            let value = start + perHour * Double(minute) / 60
            feed.add(name, device: 0, time: time, value: value)
            if let total { feed.add("memory.total", device: 0, time: time, value: total) }
        }
        return feed.incidents()
    }

    @Test func projectsTheTimeToTheCapacityTheLogGives() throws {
        // 10000 MiB + 1500 MiB/h for 119 minutes ends at 12975 MiB; the 24576 MiB
        // capacity is (24576 - 12975) / 1500 = 7.734 h away: 7h 44m.
        let incidents = Self.growing("memory.used", from: 10_000, perHour: 1500, total: 24_576)

        let incident = try #require(incidents.first)
        #expect(incident.device == 0)
        #expect(incident.message.contains("24576 MB capacity (memory.total in the log)"))
        #expect(incident.message.contains("in about 7h 44m"))
    }

    @Test func projectsTheTimeToTheConfiguredCapacity() throws {
        // 40 GB + 8 GB/h for 119 minutes ends at 55.87 GB; 80 GB is 3.02 h away: 3h 01m.
        var settings = FleetSettings()
        settings.gpuMemoryCapacity = 80
        let incidents = Self.growing(
            "gpu_memory_allocated", from: 40, perHour: 8, settings: settings)

        let incident = try #require(incidents.first)
        #expect(
            incident.message.contains(
                "80 GB capacity (--gpu-memory or the fleet.memory_growth.gpu_memory_capacity "
                    + "setting)"))
        #expect(incident.message.contains("in about 3h 01m"))
        // The observed minima quoted beside the fit are values of the series: 40–55.87 GB.
        let first = try #require(Self.number(after: "(lowest value ", in: incident.message))
        let last = try #require(Self.number(after: "window fitted, ", in: incident.message))
        #expect(first >= 40 && first < last && last <= 55.87)
    }

    @Test func growthBelowTheRateIsNoIncident() {
        // 5%/h of 40 GB.
        #expect(Self.growing("gpu_memory_allocated", from: 40, perHour: 2).isEmpty)
    }

    @Test func noisyFlatMemoryIsNoIncident() {
        let feed = FleetFeed([MemoryGrowthDetector()])
        var random = SeededRandom(seed: 7)
        for minute in 0..<180 {
            let value = 30 + 1.5 * random.normal()
            feed.add("gpu_mem", rank: 1, time: 1_700_000_000 + Double(minute) * 60, value: value)
        }

        #expect(feed.incidents().isEmpty)
    }

    @Test func growthThatStoppedIsNoLeak() {
        let feed = FleetFeed([MemoryGrowthDetector()])
        var random = SeededRandom(seed: 3)
        for minute in 0..<120 {
            let base = minute < 48 ? 30 + 10 * Double(minute) / 48 : 40
            let time = 1_700_000_000 + Double(minute) * 60
            feed.add(
                "gpu_memory_allocated", rank: 0, time: time, value: base + 0.2 * random.normal())
        }

        #expect(feed.incidents().isEmpty)
    }

    @Test func aLeakStartingLateIsDatedFromItsOnset() throws {
        // Flat at 40 GB for 90 minutes, then +12 GB/h (30%/h of 40 GB) from step 900.
        let feed = FleetFeed([MemoryGrowthDetector()])
        for minute in 0..<180 {
            let growth = minute < 90 ? 0 : Double(minute - 90) / 60 * 12
            feed.add(
                "gpu_memory_allocated", rank: 0, step: Double(minute * 10),
                time: 1_700_000_000 + Double(minute) * 60, value: 40 + growth)
        }
        let incident = try #require(feed.incidents().first)

        let start = try #require(incident.startStep)
        #expect(start >= 800 && start <= 900)
        let rate = try #require(Self.number(after: "grows ", in: incident.message))
        #expect(rate > 27 && rate < 33)
    }

    @Test func stepOnlyMemoryUsesTheMeanStepTime() throws {
        // 2 s a step: 1800 steps an hour; +0.01 GB a step is 18 GB/h on 60 GB, 30%/h.
        let feed = FleetFeed([MemoryGrowthDetector()])
        for step in 0..<2000 {
            feed.add("step_time", rank: 0, step: Double(step), value: 2)
            feed.add(
                "gpu_memory_allocated", rank: 0, step: Double(step), value: 60 + 0.01 * Double(step)
            )
        }
        let incident = try #require(feed.incidents().first)

        #expect(incident.message.contains("/h"))
        let rate = try #require(Self.number(after: "grows ", in: incident.message))
        #expect(rate > 27 && rate < 30)
    }

    @Test func stepOnlyMemoryWithoutAClockReportsPerThousandSteps() throws {
        // +0.01 GB a step on 60 GB: 16.7% per 1000 steps at the start of the fit.
        let feed = FleetFeed([MemoryGrowthDetector()])
        for step in 0..<2000 {
            feed.add(
                "gpu_memory_allocated", rank: 0, step: Double(step), value: 60 + 0.01 * Double(step)
            )
        }
        let incident = try #require(feed.incidents().first)

        #expect(incident.message.contains("per 1000 steps"))
        let rate = try #require(Self.number(after: "grows ", in: incident.message))
        #expect(rate > 15 && rate < 17)
    }

    @Test func memoryTotalIsNotItselfAMemorySeries() {
        let incidents = Self.growing("memory.used", from: 10_000, perHour: 0, total: 24_576)

        #expect(incidents.isEmpty)
    }
}
