import Foundation
import Logging
import Testing

@testable import RodApp

/// The server gives back the memory a thousand closed sockets held once many have closed. `malloc_trim` itself is
/// measured by `scripts/bench.sh` against the real server (the fan-out's "12 s after they close"): in the test process,
/// which holds every test's heaps, it would hold each heap's lock long enough to stall the tests beside it.
@Suite struct FreedMemoryTests {
    @Test func memoryIsGivenBackOnceManySocketsHaveClosed() {
        var watch = SocketsClosed(threshold: 500, open: 0)
        let open = [1_000, 600, 500, 500, 100, 0, 400, 0]
        let givenBack = open.map { watch.observe(open: $0) }
        // 400 gone from the most seen (1,000): kept; 500 gone: given back once, not again while nothing more closes;
        // then counted from there (500 → 0).
        #expect(givenBack == [false, false, true, false, false, true, false, false])
    }
}

/// ServiceLifecycle keeps each service's `"\(service)"` for the process's life: the server's own say only their type.
@Suite struct ServiceNameTests {
    @Test func servicesAreNamedByTheirType() {
        #expect("\(FreedMemoryReturn(openSockets: { 0 }, logger: Logger(label: "test")))" == "FreedMemoryReturn")
    }
}
