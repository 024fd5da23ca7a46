import ServiceLifecycle

/// A service named by its type. ServiceLifecycle names every service it runs with `"\(service)"` and keeps the name
/// for the life of the process; for a struct that is a dump of every stored property, down to the registry with every
/// splat's traits (8.6 MB held for nothing, measured with heaptrack). The process's own services are structs, so
/// each says only what it is.
protocol NamedService: Service, CustomStringConvertible {}

extension NamedService {
    var description: String { "\(Self.self)" }
}
