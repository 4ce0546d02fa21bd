#pragma once
// The only parallel loop of a copy: run fn(0..n-1) on up to `workers` threads. The first failure
// stops new work from starting and is rethrown once every running task has finished.
#include <cstddef>
#include <functional>

namespace periscope::copy {

void parallel_for(std::size_t n, int workers, const std::function<void(std::size_t)>& fn);

}  // namespace periscope::copy
