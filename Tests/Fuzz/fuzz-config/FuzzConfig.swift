// libFuzzer target: the config file and theme readers, and what the user
// types as times: TZ strings, zoneinfo files, dates, durations.
import AvailCommands
import ICalendar
import LocalTime
import Planner

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Configuration.parse(text)
    _ = Theme.parse(text, name: "fuzz", file: "fuzz")
    if let rules = PosixTZ.parse(text) {
        // A rule read must answer for any instant without trapping.
        _ = ZoneRules(identifier: "fuzz", transitions: [], transitionTypes: [], types: [rules.standard], footer: rules)
            .nextTransition(after: 1_800_000_000)
    }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let rules = try? ZoneRules.parse(bytes, identifier: "fuzz") {
        let zone = DisplayZone(rules)
        let t = UTCInstant(secondsSinceEpoch: 1_800_000_000)
        _ = zone.local(t)
        _ = zone.instant(year: 2027, month: 3, day: 28, hour: 2, minute: 30)
        _ = zone.definition(covering: t, to: t.adding(seconds: 86_400 * 200))
    }
    if let zone = DisplayZone.named("Europe/Berlin") {
        let now = UTCInstant(secondsSinceEpoch: 1_800_000_000)
        if let a = TimeArgument.parse(text, now: now, zone: zone) { _ = a.start(in: zone); _ = a.end(in: zone) }
    }
    _ = DurationText.parse(text)
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_config_main`; libFuzzer's
// own main is then not used, so start its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_config_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzz)
}
