import RodCore
import Splat5th
import SplatVampire5th

/// The one list of splat modules: the Swift half of the splats whose YAML needs rules in code.
/// A splat declared only in YAML needs no entry here.
public let splatModules: [SplatModule] = [
    Splat5th.module,
    SplatVampire5th.module,
]
