// libFuzzer target: the cache entry reader.
import FreeBusyCache

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let entry = try? CacheEntry.parse(text) {
        // Whatever was read can be written and read again; after that one pass
        // (which turns control characters into spaces) it round-trips exactly.
        guard let again = try? CacheEntry.parse(entry.serialized()) else { fatalError("a cache entry read could not be written back") }
        if (try? CacheEntry.parse(again.serialized())) != again { fatalError("cache entry does not round-trip") }
    }
    return 0
}

// SwiftPM links an executable's entry point as `fuzz_cache_main`; libFuzzer's
// own main is then not used, so start its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("fuzz_cache_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzz)
}
