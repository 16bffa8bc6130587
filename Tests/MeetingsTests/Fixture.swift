import Foundation
import Meetings

/// Reads a file from `Tests/MeetingsTests/Fixtures/` next to this source file:
/// stored copies and Inbox items as DAViCal and Cyrus wrote them, and hand-made
/// objects in the shapes other clients write.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self)
    }

    static func object(_ name: String) throws -> CalendarObject {
        try CalendarObject(parsing: try text(name))
    }
}
