package io.storelink.shopify.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Groups a lazily read iterator into lists of at most {@code size}, still lazily (one batch in memory). */
public final class Batches<T> implements Iterator<List<T>> {

    private final Iterator<T> source;
    private final int size;

    public Batches(Iterator<T> source, int size) {
        this.source = source;
        this.size = size;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public List<T> next() {
        if (!source.hasNext()) {
            throw new NoSuchElementException();
        }
        List<T> batch = new ArrayList<>(size);
        while (batch.size() < size && source.hasNext()) {
            batch.add(source.next());
        }
        return batch;
    }
}
