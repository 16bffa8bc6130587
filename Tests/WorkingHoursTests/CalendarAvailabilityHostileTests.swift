import Testing
import FreeBusy
import ICalendar
import LocalTime
import WorkingHours

/// The reader takes whatever a server holds: every truncation and a few
/// thousand byte changes of a valid value give hours or a one-line error,
/// never a crash or a hang.
@Suite struct CalendarAvailabilityHostileTests {
    static func valid() throws -> String {
        let zone = try #require(DisplayZone.named("America/New_York"))
        return CalendarAvailability(hours: try WeeklyHours.parse("mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00 sun 22:00-24:00"),
                                    zoneIdentifier: zone.identifier, validFrom: UTCInstant(year: 2027, month: 1, day: 1))
            .iCalendarText(in: zone, uid: "u", timestamp: UTCInstant(year: 2026, month: 12, day: 1)!)
    }

    static func check(_ text: String) {
        do {
            let a = try CalendarAvailability.read(text)
            // What was read can be painted without trouble.
            if let window = TimeWindow(start: UTCInstant(year: 2027, month: 3, day: 1)!, end: UTCInstant(year: 2027, month: 3, day: 15)!),
               let zone = DisplayZone.named("America/New_York") {
                _ = a.unavailablePeriods(in: window, zone: zone)
            }
        } catch {
            #expect(!error.description.contains("\n"), "\(error.description)")
        }
    }

    @Test func everyTruncation() throws {
        let bytes = Array(try Self.valid().utf8)
        for n in stride(from: 0, through: bytes.count, by: 3) {
            Self.check(String(decoding: bytes[0..<n], as: UTF8.self))
        }
    }

    @Test func byteChanges() throws {
        let bytes = Array(try Self.valid().utf8)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed }
        let alphabet = Array("0123456789:;=,-+TZPWDHMS\r\nX".utf8)
        for _ in 0..<1500 {
            var b = bytes
            for _ in 0..<(1 + Int(next() % 4)) {
                let i = Int(next() % UInt64(b.count))
                b[i] = alphabet[Int(next() % UInt64(alphabet.count))]
            }
            Self.check(String(decoding: b, as: UTF8.self))
        }
    }

    @Test func extremeValues() {
        for body in ["DTSTART:99991231T230000Z\r\nDURATION:PT2H", "DTSTART:00000101T000000Z\r\nDURATION:PT1H",
                     "DTSTART:20270104T090000Z\r\nDURATION:P9999999W", "DTSTART:20270104T090000Z\r\nDTEND:20270104T080000Z",
                     "DTSTART;TZID=../../etc/passwd:20270104T090000\r\nDURATION:PT1H", "DTSTART:20270104\r\nDURATION:P1D"] {
            Self.check("BEGIN:VAVAILABILITY\r\nDTSTART;TZID=Nowhere/Else:20270101T000000\r\nBEGIN:AVAILABLE\r\n\(body)\r\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO,XX\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n")
            Self.check("BEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\n\(body)\r\nRRULE:FREQ=DAILY\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n")
        }
    }
}
