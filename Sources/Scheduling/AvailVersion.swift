/// The version avail reports (`--version`, the User-Agent, PRODID).
public enum AvailVersion {
    public static let string = "0.1.0"
    /// RFC 5545 §3.7.3: the product that wrote a calendar object.
    public static let productID = "-//avail//avail \(string)//EN"
}
