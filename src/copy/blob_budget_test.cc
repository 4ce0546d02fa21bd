#include "copy/blob_budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "copy/parallel.h"

namespace periscope::copy {
namespace {

TEST(BlobBudget, NeverLetsMoreTransfersRunThanItsSlots) {
  BlobBudget budget(2);
  std::atomic<int> running{0}, most{0};
  parallel_for(12, 6, [&](std::size_t) {
    BlobBudget::Slot slot(&budget);
    int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
  });
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(budget.in_use_peak(), 2);
}

TEST(BlobBudget, NoBudgetMeansNoLimit) {
  BlobBudget::Slot slot(nullptr);  // must not block or crash
  SUCCEED();
}

}  // namespace
}  // namespace periscope::copy
