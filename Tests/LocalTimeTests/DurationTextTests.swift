import Testing
import LocalTime

/// The one reader of typed durations: meeting lengths (bare numbers are
/// minutes) and cache ages (bare numbers are seconds, zero allowed).
@Suite struct DurationTextTests {
    @Test func meetingLengths() {
        #expect(DurationText.read("30m") == .success(1800))
        #expect(DurationText.read("1h30m") == .success(5400))
        #expect(DurationText.read("1H 30M") == .success(5400))
        #expect(DurationText.read("90") == .success(5400))
        #expect(DurationText.read("24h") == .success(86_400))
        #expect(DurationText.read("25h") == .failure(.tooLong(maximum: 86_400)))
        #expect(DurationText.read("2d") == .failure(.tooLong(maximum: 86_400)))
        #expect(DurationText.read("30s") == .failure(.tooShort(minimum: 60)))
        #expect(DurationText.read("0m") == .failure(.zero))
        #expect(DurationText.read("-1h") == .failure(.negative))
        for bad in ["", "h", "1h30", "1x", "١h", "99999999999h", "--1h"] {
            #expect((try? DurationText.read(bad).get()) == nil, "\(bad.debugDescription)")
        }
    }

    @Test func agesAndFormatting() {
        let age = { DurationText.read($0, bareUnit: 1, range: 0...(366 * 86_400)) }
        #expect(age("0") == .success(0))
        #expect(age("45") == .success(45))
        #expect(age("1h30m") == .success(5400))
        #expect(age("2d") == .success(172_800))
        #expect(DurationText.format(5400) == "1h30m")
        #expect(DurationText.format(86_400) == "24h")
        #expect(DurationText.format(30 * 86_400) == "30d")
        #expect(DurationText.format(90) == "1m30s")
        #expect(DurationText.message(.tooLong(maximum: 86_400), option: "--duration", text: "25h") == "--duration \"25h\" is longer than the 24h allowed")
    }
}
