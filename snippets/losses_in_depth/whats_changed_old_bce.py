import inspect

import keras
import numpy as np
import tensorflow as tf

eps = np.float32(keras.config.epsilon())


def bce_keras2(y_true, y_pred):
    # tf.keras before Keras 3: clip, then ALSO add epsilon inside both logs.
    p = np.clip(y_pred, eps, 1 - eps)
    log_p, log_1_minus_p = np.log(p + eps), np.log(1 - p + eps)
    return np.mean(-(y_true * log_p + (1 - y_true) * log_1_minus_p))


def bce_keras3(y_true, y_pred):
    # Keras 3: clip only.
    p = np.clip(y_pred, eps, 1 - eps)
    return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def report(y_pred, article):
    y_true = np.array([[0], [1]], dtype=np.float32)
    y_pred = np.array(y_pred, dtype=np.float32)  # float32, like Keras
    old, new = bce_keras2(y_true, y_pred), bce_keras3(y_true, y_pred)
    keras3 = keras.losses.BinaryCrossentropy()(y_true, y_pred).numpy()
    return (
        f"log(p + eps): {old!s:11}  article: {article:11}  "
        f"equal: {np.float32(article) == old}\n"
        f"log(p):       {new!s:11}  Keras 3: {keras3!s:11}  "
        f"equal: {new == keras3}"
    )


# The article's inputs, and what the article printed for them.
print(report([[0.4], [0.6]], "0.5108254"))
'''
log(p + eps): 0.5108254    article: 0.5108254    equal: True
log(p):       0.5108256    Keras 3: 0.5108256    equal: True
'''
print(report([[0.1], [0.9]], "0.10536041"))
'''
log(p + eps): 0.10536041   article: 0.10536041   equal: True
log(p):       0.105360545  Keras 3: 0.105360545  equal: True
'''

# tf.keras still ships Keras 2's backend functions, for old code. Their
# binary cross-entropy adds epsilon inside the logs and prints the article's
# numbers; their categorical cross-entropy only clips, and agrees with the
# article and Keras 3 alike.
old = tf.keras.backend
print(old.binary_crossentropy.__module__)
#> keras.src.legacy.backend
print(inspect.getmodule(old.binary_crossentropy).__doc__)
#> Legacy Keras 1/2 backend functions.
y_true = np.array([[0], [1]], dtype=np.float32)
for y_pred in ([[0.4], [0.6]], [[0.1], [0.9]]):
    per_sample = old.binary_crossentropy(y_true, np.float32(y_pred))
    print(tf.reduce_mean(per_sample).numpy())
    #> 0.5108254
    #> 0.10536041
one_hot = np.array([[0, 1, 0], [0, 0, 1]], dtype=np.float32)
y_pred = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]], dtype=np.float32)
print(tf.reduce_mean(old.categorical_crossentropy(one_hot, y_pred)).numpy())
#> 0.39925388
