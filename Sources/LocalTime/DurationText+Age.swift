extension DurationText {
    /// How old an answer is, in the unit a person would say: "45 s", "12 min",
    /// "3 h", "2 days" (the CLI's "[cached 12 min ago]", the refresh warnings).
    public static func age(_ seconds: Int64) -> String {
        if seconds < 120 { return "\(max(0, seconds)) s" }
        if seconds < 7200 { return "\(seconds / 60) min" }
        if seconds < 172_800 { return "\(seconds / 3600) h" }
        return "\(seconds / 86_400) days"
    }
}
