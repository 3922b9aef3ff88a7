import keras
import numpy as np

loss = keras.losses.SparseCategoricalCrossentropy()
# Nested Python lists.
labels, y_pred = [1, 2], [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]


def attempt(loss, y_true, y_pred):
    try:
        return loss(y_true, y_pred).numpy()
    except ValueError as error:
        return f"ValueError: {str(error).split(',')[0]}"


# Keras 3 walks both arguments as nested structures. Two lists must be nested
# the same way: these are not, and the loss fails.
print(attempt(loss, labels, y_pred))
#> ValueError: Structures don't have the same nested structure.
# A list mixed with an array fails too, whichever side the list is on.
print(attempt(loss, np.array(labels), y_pred))
#> ValueError: Structures don't have the same nested structure.
print(attempt(loss, labels, np.array(y_pred)))
#> ValueError: Expected an instance of list
# As arrays, they work, and so do two tensors.
print(attempt(loss, np.array(labels), np.array(y_pred)))
#> 0.39925388
to_tensor = keras.ops.convert_to_tensor
print(attempt(loss, to_tensor(labels), to_tensor(y_pred)))
#> 0.39925388

# The same with one-hot labels, which have the shape of the predictions:
# two lists work, but a list mixed with an array fails all the same.
cce = keras.losses.CategoricalCrossentropy()
one_hot = [[0, 1, 0], [0, 0, 1]]
print(attempt(cce, one_hot, y_pred))
#> 0.39925388
print(attempt(cce, np.array(one_hot), y_pred))
#> ValueError: Structures don't have the same nested structure.
print(attempt(cce, one_hot, np.array(y_pred)))
#> ValueError: Expected an instance of list
