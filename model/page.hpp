#pragma once

#include <vector>

namespace shop::model {

/// A 1-based page request, already validated by the front.
struct PageRequest {
  int page = 1;
  int size = 20;

  long long offset() const { return static_cast<long long>(page - 1) * size; }
};

/// One page of a list and the count of the whole list.
template <class T>
struct Page {
  std::vector<T> items;
  int page = 1;
  int size = 20;
  long long total_count = 0;
};

}  // namespace shop::model
