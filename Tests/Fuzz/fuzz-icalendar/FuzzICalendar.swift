// libFuzzer target: iCalendar unfolding, content lines, components, VFREEBUSY.
import FreeBusy
import ICalendar

let window = TimeWindow(start: UTCInstant(secondsSinceEpoch: 1_796_601_600), end: UTCInstant(secondsSinceEpoch: 1_797_033_600))!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let parsed = try? FreeBusyData.parse(text) {
        _ = parsed.periods.normalized(within: window)
    }
    _ = try? ICalPeriod.parseUTC(text)
    _ = try? ICalDuration.parse(text)
    _ = RequestStatus(parsing: text)
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_icalendar_main`; libFuzzer's
// own main is then not used, so start its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_icalendar_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzz)
}
