#pragma once
// One budget of blob transfers in flight, shared by every image a command copies at once (sync
// --parallel-images): an image with many layers may use all of it while the others are idle, and
// the total never exceeds it. Reuse checks (HEAD, mount) do not count; transfers do.
#include <condition_variable>
#include <mutex>

namespace periscope::copy {

class BlobBudget {
 public:
  explicit BlobBudget(int slots) : free_(slots < 1 ? 1 : slots) {}

  class Slot {
   public:
    explicit Slot(BlobBudget* budget) : budget_(budget) {
      if (budget_) budget_->acquire();
    }
    ~Slot() {
      if (budget_) budget_->release();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    BlobBudget* budget_;
  };

  int in_use_peak() const {
    std::lock_guard lock(mu_);
    return peak_;
  }

 private:
  void acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
    ++used_;
    if (used_ > peak_) peak_ = used_;
  }
  void release() {
    {
      std::lock_guard lock(mu_);
      ++free_;
      --used_;
    }
    cv_.notify_one();
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  int used_ = 0;
  int peak_ = 0;
};

}  // namespace periscope::copy
