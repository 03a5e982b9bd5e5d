import Testing

@testable import RunLens

/// Hugging Face's Trainer writes its history in its output folder and again, as it stood, in
/// each checkpoint folder: read once, not once per snapshot.
struct InputDiscoverySnapshotsTests {
    @Test func checkpointsHistoriesGiveWayToTheOutputFoldersOwn() {
        let files = [
            "out/checkpoint-1000/trainer_state.json", "out/checkpoint-2000/trainer_state.json",
            "out/trainer_state.json", "out/train.jsonl",
        ]

        let (kept, notes) = InputDiscovery.withoutTrainerSnapshots(files)

        #expect(kept == ["out/trainer_state.json", "out/train.jsonl"])
        #expect(
            notes.map(\.description)
                == [1000, 2000].map {
                    "skipped 'out/checkpoint-\($0)/trainer_state.json': a checkpoint's copy of the "
                        + "history in 'out/trainer_state.json'"
                })
    }

    /// A run that stopped before writing its own: the latest checkpoint by number (not by
    /// name: 10000 after 9000) holds the most.
    @Test func withoutTheOutputFoldersOwnTheLatestCheckpointsIsRead() {
        let files = [
            "run/checkpoint-10000/trainer_state.json", "run/checkpoint-9000/trainer_state.json",
            "other/checkpoint-5/trainer_state.json",
        ]

        let (kept, notes) = InputDiscovery.withoutTrainerSnapshots(files)

        #expect(
            kept == [
                "run/checkpoint-10000/trainer_state.json", "other/checkpoint-5/trainer_state.json",
            ])
        #expect(notes.count == 1)
        #expect(notes.first?.path == "run/checkpoint-9000/trainer_state.json")
    }

    @Test func otherFilesAndFoldersAreLeftAlone() {
        let files = ["a/checkpoint-x/trainer_state.json", "b/trainer_state.json", "c/state.json"]

        #expect(InputDiscovery.withoutTrainerSnapshots(files).files == files)
    }
}
