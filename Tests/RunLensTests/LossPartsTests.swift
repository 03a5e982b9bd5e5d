import Testing

@testable import RunLens

/// Parts of a loss (`train/box_loss`) are judged where no whole loss of their kind is logged
/// on the rank, and stand aside for one where it is.
struct LossPartsTests {
    static func descriptor(_ name: String, rank: Int32, index: Int) -> SeriesDescriptor {
        let info = FieldInfo(rawName: name, matcher: RoleMatcher())
        let key = SeriesKey(field: Int32(index), rank: rank, device: -1)
        return SeriesDescriptor(key: key, info: info, axis: .step)
    }

    @Test func partsStandAsideOnlyForAWholeLossOfTheirKindOnTheirRank() {
        let names: [(String, Int32)] = [
            ("train/aux_loss", 0), ("train/loss", 0), ("train/aux_loss", 1),
            ("val/box_loss", 0), ("loss_cls", 0),
        ]
        let descriptors = names.enumerated().map { index, entry in
            Self.descriptor(entry.0, rank: entry.1, index: index)
        }

        let parts = LossParts(descriptors)

        // Rank 0's part comes before its whole loss and still stands aside; rank 1 logs no
        // whole loss, and no validation loss is whole; `loss_cls` is no loss part at all.
        #expect(parts.standingAside == [0])
        #expect(descriptors.map(\.info.lossPart) == ["aux_loss", nil, "aux_loss", "box_loss", nil])
    }

    /// 200 steps of a flat loss, `train/aux_loss` jumping from 0.5 to 5 at step 120: about
    /// 2000 typical deviations above its trailing mean of 0.5025, ten times the 2× rule.
    static func spikes(besideWholeLoss: Bool) -> [Incident] {
        let feed = FleetFeed(TrainingDetectors.make(TrainingSettings()))
        for step in 0..<200 {
            let wobble = Double(step % 2)
            if besideWholeLoss {
                feed.add("train/loss", step: Double(step), value: 1.0 + 0.01 * wobble)
            }
            let aux = step == 120 ? 5.0 : 0.5 + 0.005 * wobble
            feed.add("train/aux_loss", step: Double(step), value: aux)
        }
        return feed.incidents()
    }

    @Test func aPartAloneIsJudged() throws {
        let spikes = Self.spikes(besideWholeLoss: false).filter { $0.detector == "loss_spike" }

        #expect(spikes.count == 1)
        let spike = try #require(spikes.first)
        #expect(spike.metric == "train/aux_loss")
        #expect(spike.peak == 5)
        #expect(spike.startStep == 120)
    }

    @Test func aPartBesideAWholeLossIsNotJudged() {
        let incidents = Self.spikes(besideWholeLoss: true)

        #expect(!incidents.contains { $0.metric == "train/aux_loss" }, "\(incidents)")
    }

    /// A part alone that goes NaN from step 30 on is a divergence under its name.
    @Test func aPartAloneGoingNaNIsADivergence() {
        let feed = FleetFeed(TrainingDetectors.make(TrainingSettings()))
        for step in 0..<50 {
            let value = step < 30 ? 1.0 - 0.01 * Double(step) : .nan
            feed.add("train/box_loss", step: Double(step), value: value)
        }

        let divergences = feed.incidents().filter { $0.detector == "divergence" }

        #expect(divergences.map(\.metric) == ["train/box_loss"])
        #expect(divergences.first?.startStep == 30)
    }
}
