/// Folds judgements into plateaus: holding judgements extend the open plateau, `patience`
/// misses in a row close it.
struct PlateauEpisodeFolder {
    let patience: Int
    private(set) var episodes: [PlateauTracker.Episode] = []
    private var open = false
    private var misses = 0

    init(patience: Int) {
        self.patience = patience
    }

    mutating func fire(_ episode: PlateauTracker.Episode) {
        misses = 0
        guard open, let index = episodes.indices.last else {
            guard episodes.count < NonFiniteTracker.maxEpisodes else { return }
            episodes.append(episode)
            open = true
            return
        }
        episodes[index].last = episode.last
        episodes[index].recent = episode.recent
        episodes[index].older = episode.older
        episodes[index].olderRange = episode.olderRange
        episodes[index].recentRange = episode.recentRange
        episodes[index].improvement = episode.improvement
        episodes[index].kind = episode.kind
        episodes[index].leftOut = episode.leftOut
        episodes[index].count += 1
    }

    mutating func miss() {
        misses += 1
        if misses >= patience { open = false }
    }

    mutating func close() {
        open = false
        misses = 0
    }
}
