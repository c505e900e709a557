extension Array {
    /// The first index for which `isBefore` is false, in an array where every element it is true
    /// for comes first (a sorted array and "is less than the key"): a binary search.
    func partitionPoint(_ isBefore: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
