import Scheduling

/// `--room` and `--rooms` values: the config's rooms and room groups, and the
/// rooms used before (the cache remembers them with the people, as
/// `slots`, `book` and the planner ask about them).
extension ShellCompletion {
    /// The config's rooms by address (their name and size as the help), then
    /// the attendees used before, most recent first.
    static func rooms(configPath: String?, environment env: [String: String]) -> [Candidate] {
        guard let settings = try? Configuration.load(path: configPath, environment: env) else { return [] }
        let configured = settings.rooms.rooms.map { r in
            Candidate(word: r.address.displayString, help: Candidate.summary("room: " + (r.name ?? r.address.displayString)
                                                                              + (r.capacity.map { ", capacity \($0)" } ?? "")))
        }
        return configured + recentAttendees(settings, environment: env)
    }

    /// The config's room groups, with their rooms as the help.
    static func roomGroups(configPath: String?, environment env: [String: String]) -> [Candidate] {
        guard let settings = try? Configuration.load(path: configPath, environment: env) else { return [] }
        return settings.rooms.groups.sorted { $0.key < $1.key }.map {
            Candidate(word: $0.key, help: Candidate.summary("rooms: " + $0.value.joined(separator: ", ")))
        }
    }
}
