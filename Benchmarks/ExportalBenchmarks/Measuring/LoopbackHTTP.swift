#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// The smallest HTTP/1.1 client that reads a page from a server on this machine: one blocking
/// socket per request, so a poll every few milliseconds costs the servers under measurement a
/// request each and nothing else (no connection pool, no cache, no run loop).
public enum LoopbackHTTP {
    public struct Response: Sendable, Equatable {
        public let status: Int
        /// Names in lower case.
        public let headers: [String: String]
        public let body: Data
    }

    /// GET `path` from 127.0.0.1:`port`; nil when nothing listens there, the connection fails or
    /// the answer is not HTTP. `timeout` bounds each send and receive.
    public static func get(port: UInt16, path: String, timeout: Duration = .seconds(10)) -> Response? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }

        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/html\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            sent += count
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            // A server may keep the connection open despite `Connection: close`: stop at the end of the answer.
            if let response = parse(received) { return response }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return parse(received, closed: true) }
            received.append(contentsOf: buffer[..<count])
        }
    }

    /// The response in `raw` once it is complete: all of a `Content-Length` body, a chunked body
    /// up to its last chunk, or, for a body of neither kind, whatever came before the server
    /// closed the connection (`closed`). Nil while more is to come, or when it is not HTTP.
    static func parse(_ raw: Data, closed: Bool = false) -> Response? {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)),
              let head = String(data: raw[raw.startIndex..<end.lowerBound], encoding: .isoLatin1) else { return nil }
        let lines = head.components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = raw[end.upperBound...]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            return dechunk(body).map { Response(status: status, headers: headers, body: $0) }
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            return body.count >= length ? Response(status: status, headers: headers, body: Data(body.prefix(length))) : nil
        }
        return closed ? Response(status: status, headers: headers, body: Data(body)) : nil
    }

    /// A chunked body decoded, or nil until its last (empty) chunk has come.
    static func dechunk(_ body: Data) -> Data? {
        var decoded = Data()
        var index = body.startIndex
        let lineEnd = Data("\r\n".utf8)
        while true {
            guard let sizeEnd = body.range(of: lineEnd, in: index..<body.endIndex),
                  let sizeLine = String(data: body[index..<sizeEnd.lowerBound], encoding: .isoLatin1),
                  let size = Int(sizeLine.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            if size == 0 { return decoded }
            let start = sizeEnd.upperBound
            guard body.distance(from: start, to: body.endIndex) >= size + 2 else { return nil }
            let stop = body.index(start, offsetBy: size)
            decoded.append(body[start..<stop])
            index = body.index(stop, offsetBy: 2)
        }
    }
}
