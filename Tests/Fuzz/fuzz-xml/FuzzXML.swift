// libFuzzer target: the schedule-response parser and the recipient matching on
// any bytes. Built only by `make fuzz` (AVAIL_FUZZ=1, -sanitize=fuzzer,address).
import CalDAVClient
import FreeBusy
import ICalendar
import WebDAV

let attendees = [CalendarUserAddress(uncheckedURI: "mailto:bob@example.com"), CalendarUserAddress(uncheckedURI: "mailto:dave@example.com")]
let window = TimeWindow(start: UTCInstant(secondsSinceEpoch: 1_796_601_600), end: UTCInstant(secondsSinceEpoch: 1_797_033_600))!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let response = try? ScheduleResponse.parse(bytes) {
        _ = response.recipientResults(for: attendees, window: window)
    }
    _ = try? Multistatus.parse(bytes)
    _ = PreconditionError.parse(bytes)
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_xml_main`; libFuzzer's
// own main is then not used, so start its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_xml_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzz)
}
