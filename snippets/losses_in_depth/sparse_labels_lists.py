import keras
import numpy as np

loss = keras.losses.SparseCategoricalCrossentropy()
# Nested Python lists.
labels, y_pred = [1, 2], [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]


def attempt(y_true, y_pred):
    try:
        return loss(y_true, y_pred).numpy()
    except ValueError as error:
        return f"ValueError: {str(error).split(',')[0]}"


# Lists of different shapes are compared as nested structures, and that fails,
# even when only one of the two is a list.
print(attempt(labels, y_pred))
#> ValueError: Structures don't have the same nested structure.
print(attempt(np.array(labels), y_pred))
#> ValueError: Structures don't have the same nested structure.
print(attempt(labels, np.array(y_pred)))
#> ValueError: Expected an instance of list
# As arrays, they work.
print(attempt(np.array(labels), np.array(y_pred)))
#> 0.39925388
