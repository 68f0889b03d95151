#include "fcgi/pool/scoreboard.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

namespace shop::fcgi {

/// A slot: the sequence counter and the data it guards. The data is plain memory copied under the counter:
/// a torn copy is detected and retried, never used.
struct Scoreboard::Slot {
  std::atomic<std::uint32_t> sequence{0};
  SlotView data;
};

namespace {

static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "the seqlock must work across processes");

Scoreboard::Slot* g_own = nullptr;

template <class Change>
void write_slot(Scoreboard::Slot& slot, Change change) noexcept {
  const std::uint32_t sequence = slot.sequence.load(std::memory_order_relaxed);
  slot.sequence.store(sequence + 1, std::memory_order_relaxed);
  // The odd count is visible before any byte of the data changes.
  std::atomic_thread_fence(std::memory_order_release);
  change(slot.data);
  slot.sequence.store(sequence + 2, std::memory_order_release);
}

SlotView raw_copy(const Scoreboard::Slot& slot) noexcept {
  SlotView copy;
  std::memcpy(static_cast<void*>(&copy), &slot.data, sizeof copy);
  return copy;
}

template <std::size_t N>
void copy_text(char (&target)[N], std::string_view text) noexcept {
  const std::size_t length = std::min(text.size(), N - 1);
  std::memcpy(target, text.data(), length);
  target[length] = '\0';
}

}  // namespace

void PoolCounts::add(const SlotView& slot) noexcept {
  accepted += slot.accepted;
  served += slot.served;
  for (std::size_t i = 0; i < std::size(answers); ++i) answers[i] += slot.answers[i];
  database_errors += slot.database_errors;
  slow += slot.slow;
  orders_expired += slot.orders_expired;
}

void PoolCounts::add(const PoolCounts& other) noexcept {
  accepted += other.accepted;
  served += other.served;
  for (std::size_t i = 0; i < std::size(answers); ++i) answers[i] += other.answers[i];
  database_errors += other.database_errors;
  slow += other.slow;
  orders_expired += other.orders_expired;
}

const char* to_string(SlotState state) noexcept {
  switch (state) {
    case SlotState::kFree:
      return "free";
    case SlotState::kStarting:
      return "starting";
    case SlotState::kIdle:
      return "idle";
    case SlotState::kReading:
      return "reading";
    case SlotState::kBusy:
      return "busy";
  }
  return "?";
}

Scoreboard::Scoreboard(std::size_t slots) : count_(slots) {
  void* memory = ::mmap(nullptr, sizeof(Slot) * slots, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::runtime_error("cannot map the scoreboard");
  slots_ = static_cast<Slot*>(memory);
  for (std::size_t i = 0; i < slots; ++i) new (slots_ + i) Slot{};
}

Scoreboard::~Scoreboard() {
  if (g_own >= slots_ && g_own < slots_ + count_) g_own = nullptr;
  ::munmap(slots_, sizeof(Slot) * count_);
}

std::optional<std::size_t> Scoreboard::claim(std::string_view role) {
  for (std::size_t i = 0; i < count_; ++i) {
    // Only the master writes a free slot, and only the master claims: its own plain read is exact.
    if (slots_[i].data.state != SlotState::kFree) continue;
    const auto now = std::chrono::system_clock::now();
    write_slot(slots_[i], [&](SlotView& data) {
      data = SlotView{};
      copy_text(data.role, role);
      data.state = SlotState::kStarting;
      data.started = now;
    });
    return i;
  }
  return std::nullopt;
}

void Scoreboard::release(std::size_t slot) {
  // The child is reaped: nobody writes the slot any more, so this copy is its final count (even when it died
  // half way through a write, which leaves the counter odd for good).
  retired_.add(raw_copy(slots_[slot]));
  write_slot(slots_[slot], [](SlotView& data) { data = SlotView{}; });
}

PoolCounts Scoreboard::totals() const {
  PoolCounts totals = retired_;
  for (std::size_t i = 0; i < count_; ++i) {
    // A slot that cannot be read whole (its child died mid-write, or writes keep overlapping) still counts:
    // each counter of the copy is then its old or its new value, never left out.
    const std::optional<SlotView> view = read(i);
    totals.add(view ? *view : raw_copy(slots_[i]));
  }
  return totals;
}

std::optional<SlotView> Scoreboard::read(std::size_t slot) const {
  const Slot& source = slots_[slot];
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::uint32_t before = source.sequence.load(std::memory_order_acquire);
    if (before % 2 != 0) continue;
    SlotView copy;
    std::memcpy(static_cast<void*>(&copy), &source.data, sizeof copy);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (source.sequence.load(std::memory_order_relaxed) == before) return copy;
  }
  return std::nullopt;
}

void Scoreboard::adopt(std::size_t slot) {
  g_own = slots_ + slot;
  const pid_t pid = ::getpid();
  write_slot(*g_own, [&](SlotView& data) { data.pid = pid; });
}

void mark_idle() noexcept {
  if (g_own != nullptr) write_slot(*g_own, [](SlotView& data) { data.state = SlotState::kIdle; });
}

void mark_reading() noexcept {
  if (g_own != nullptr) write_slot(*g_own, [](SlotView& data) { data.state = SlotState::kReading; });
}

void mark_busy(std::string_view request_id, std::string_view method, std::string_view path) noexcept {
  if (g_own == nullptr) return;
  const auto now = std::chrono::steady_clock::now();
  write_slot(*g_own, [&](SlotView& data) {
    data.state = SlotState::kBusy;
    copy_text(data.current.request_id, request_id);
    copy_text(data.current.method, method);
    copy_text(data.current.path, path);
    data.current.started = now;
    ++data.accepted;
  });
}

void mark_served(const RequestOutcome& outcome) noexcept {
  if (g_own == nullptr) return;
  const auto now = std::chrono::steady_clock::now();
  write_slot(*g_own, [&](SlotView& data) {
    data.last_duration = std::chrono::duration_cast<std::chrono::microseconds>(now - data.current.started);
    ++data.served;
    if (outcome.status >= 200 && outcome.status < 600) ++data.answers[outcome.status / 100 - 2];
    if (outcome.database_error) ++data.database_errors;
    if (outcome.slow) ++data.slow;
    data.read_standby = outcome.read_standby;
    data.state = SlotState::kIdle;
  });
}

void mark_recycling() noexcept {
  if (g_own != nullptr) write_slot(*g_own, [](SlotView& data) { data.recycling = true; });
}

void publish_figures(const ShopFigures& figures) noexcept {
  if (g_own != nullptr) write_slot(*g_own, [&](SlotView& data) { data.figures = figures; });
}

void count_orders_expired(std::uint64_t count) noexcept {
  if (g_own != nullptr) write_slot(*g_own, [&](SlotView& data) { data.orders_expired += count; });
}

}  // namespace shop::fcgi
