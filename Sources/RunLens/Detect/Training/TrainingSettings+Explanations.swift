extension TrainingSettings {
    /// One line per setting, keyed `detector.setting` as the config file spells them.
    public static let explanations: [String: String] = [
        "divergence.enabled": "run the divergence detector",
        "divergence.severity": "severity of a divergence (source document: critical)",
        "divergence.cooldown":
            "steps of finite values that may separate two non-finite stretches of one incident"
            + " (source document: 0)",
        "divergence.gradient_run_length":
            "consecutive non-finite gradient norms that make a divergence; fewer are fp16"
            + " overflow skips, reported at info",
        "divergence.follow_steps":
            "a non-finite loss within this many steps after a non-finite gradient norm makes"
            + " the gradient norm the first metric to go; pieces of evidence this close (a"
            + " rise, then NaN) are one divergence",
        "divergence.smoothing":
            "points in the exponential moving average of the loss used for the rising rule",
        "divergence.warmup": "points before the running minimum of the smoothed loss counts",
        "divergence.rise_ratio":
            "the smoothed loss must be this fraction above its running minimum (0.5 = 1.5×);"
            + " for a minimum at or below zero, this share of the fall to it from the highest"
            + " smoothed value before it",
        "divergence.rise_share_of_drop":
            "the rise must also be this share of the drop from the highest smoothed loss to"
            + " the minimum, so quantised near-zero losses cannot diverge by rounding",
        "divergence.rising_lookback":
            "still rising: the smoothed loss is above its value this many points before",
        "divergence.sustain": "points the rising rule must hold before it fires",
        "divergence.rise_deviations":
            "for a loss whose smoothed minimum is at or below zero, where rise_ratio is a share"
            + " of the fall to it, the rise must also be this many typical deviations of the"
            + " raw loss; a fall of no more than that is not judged",
        "divergence.comeback_points":
            "a rise whose raw loss falls back below the threshold within this many points"
            + " after it first held is withdrawn: a spike that recovered, for loss_spike to"
            + " report (0 keeps every rise)",

        "loss_spike.enabled": "run the loss spike detector",
        "loss_spike.severity": "severity of a spike (source document: critical)",
        "loss_spike.cooldown": "steps between spikes that still make one incident",
        "loss_spike.window": "points in the trailing mean (source document: 100)",
        "loss_spike.ratio":
            "a spike is above this multiple of the trailing mean (source document: 2)",
        "loss_spike.z_score":
            "and this many typical deviations above it (OLMo skips steps 6σ above its window)",
        "loss_spike.warmup": "points after the start or a restart before spikes are judged",
        "loss_spike.recovery_points":
            "points after a spike within which the loss must come back to count as recovered",
        "loss_spike.max_spike_points":
            "consecutive spike points after which the new level becomes the baseline",

        "loss_plateau.enabled": "run the loss plateau detector",
        "loss_plateau.severity": "severity of a plateau (source document: warning)",
        "loss_plateau.cooldown": "steps between plateaus that still make one incident",
        "loss_plateau.min_improvement":
            "a loss that has not learned yet (learned_fall) must have its recent mean at least"
            + " this fraction below the older mean",
        "loss_plateau.max_rise":
            "any loss whose recent mean is more than this fraction above the older mean is a"
            + " plateau (source document: recent > older × 1.1)",
        "loss_plateau.learned_fall":
            "a loss whose recent mean lies this fraction or more below its opening level (median"
            + " of its first min_window_points points) has learned: if it stops improving it has"
            + " settled, not stalled, unless the learning rate is still high (settled_rate)",
        "loss_plateau.settled_rate":
            "a learned loss that stops improving is still a plateau while the learning rate over"
            + " the recent window is at least this share of its highest so far; without a"
            + " logged learning rate it has settled",
        "loss_plateau.noise_margin":
            "standard errors of the two means added to the improvement before comparing",
        "loss_plateau.lookback":
            "the older window starts this fraction of the run so far back, so the comparison"
            + " scales with the run and a slow late decrease is not a plateau",
        "loss_plateau.span": "each window covers this fraction of the run so far",
        "loss_plateau.min_points":
            "finite points before the rule is judged (not at the very start; enough for each"
            + " window to hold min_window_points)",
        "loss_plateau.min_window_points":
            "points each window needs: fewer give too rough a mean and noise estimate to tell"
            + " a 1% change",
        "loss_plateau.patience": "evaluations without the rule holding that end a plateau",

        "overfitting.enabled": "run the overfitting detector",
        "overfitting.severity": "severity of overfitting (source document: warning)",
        "overfitting.cooldown": "steps between overfitting stretches that still make one incident",
        "overfitting.ratio":
            "validation above this multiple of train loss (source document: 1.5); judged only"
            + " where the train loss is above 0, since a ratio to a loss at or below 0 (a"
            + " Gaussian NLL, an ELBO) means nothing and such a run has the rising rule alone",
        "overfitting.rises":
            "consecutive evaluations at which validation rose (a higher value, whatever its"
            + " sign) while train fell; the incident starts at the first of them",
        "overfitting.min_rise":
            "the rises together climb more than this fraction of the first value's size;"
            + " with fewer than 10 evaluations, whose noise cannot be measured, each rise does",
        "overfitting.noise_margin":
            "the rises together climb more than this many standard deviations of the"
            + " difference of two evaluations; their noise comes from the median second"
            + " difference of the last 32 evaluations, once there are 10",
        "overfitting.train_points":
            "train points averaged for the train loss at an evaluation, from the last tenth of"
            + " the steps since the evaluation before (at least the nearest point), so it is"
            + " the train loss of the evaluation's own time",
        "overfitting.patience": "evaluations without the rule holding that end an incident",

        "grad_explosion.enabled": "run the gradient explosion detector",
        "grad_explosion.severity": "severity of a gradient explosion",
        "grad_explosion.cooldown": "steps between firings that still make one incident",
        "grad_explosion.ratio": "the gradient norm above this multiple of its trailing median",
        "grad_explosion.window": "points in the trailing median",
        "grad_explosion.warmup": "points after the start or a restart before it is judged",
        "grad_explosion.max_spike_points":
            "consecutive firing points after which the new level becomes the baseline",

        "loss_scale_collapse.enabled": "run the loss scale collapse detector",
        "loss_scale_collapse.severity": "severity of a collapse (every update is being skipped)",
        "loss_scale_collapse.cooldown": "steps between collapses that still make one incident",
        "loss_scale_collapse.min_halvings":
            "a fall by 2^min_halvings since the last growth is a collapse when"
            + " min_skipped_share of the updates it spans overflowed; start-up calibration"
            + " before the scale first holds is never one",
        "loss_scale_collapse.min_skipped_share":
            "share of the updates a fall by 2^min_halvings spans that overflowed (one per"
            + " halving): a collapse skips nearly every update, a slow drift through rare"
            + " overflows (PyTorch grows the scale only after 2000 clean steps) skips few",
        "loss_scale_collapse.floor":
            "a scale cut below this (DeepSpeed's minimum is 1) is a collapse after 3 cuts",

        "throughput_drop.enabled": "run the throughput drop detector",
        "throughput_drop.severity": "severity of a throughput drop",
        "throughput_drop.cooldown": "steps between drops that still make one incident",
        "throughput_drop.ratio":
            "a window below this fraction of the median of earlier windows is a drop",
        "throughput_drop.window_points": "points per window",
        "throughput_drop.baseline_windows": "earlier windows whose median is the run's own level",
        "throughput_drop.min_baseline_windows": "earlier windows needed before judging",
        "throughput_drop.sustain_windows": "consecutive low windows that make a drop",
        "throughput_drop.warmup_points": "points after the start or a restart never judged",
        "throughput_drop.rank_ratio":
            "a rank below this fraction of the cluster average at the same steps"
            + " (source document: 80%)",
        "throughput_drop.rank_sustain_points": "points a rank must stay below the cluster",

        "data_bottleneck.enabled": "run the data bottleneck detector",
        "data_bottleneck.severity": "severity of a data bottleneck (source document: warning)",
        "data_bottleneck.cooldown": "steps between stretches that still make one incident",
        "data_bottleneck.factor":
            "data time above this multiple of forward + backward time (source document: 1);"
            + " without those, compute is step time minus data time",
        "data_bottleneck.sustain_points":
            "data points the rule must hold, never failing at two points in a row",
        "data_bottleneck.warmup_points": "first data points never judged (worker start-up)",
        "data_bottleneck.min_data_seconds": "data time below this is never a bottleneck",
    ]
}
