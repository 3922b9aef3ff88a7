import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()

# The imbalanced data of class_weight.py.
rng = np.random.default_rng(0)
labels = np.repeat([0, 1], [180, 20])
centers = np.array([[0.0, 0.0], [2.0, 1.0]])
x = (centers[labels] + rng.normal(size=(200, 2))).astype("float32")
y = labels[:, None].astype("float32")
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def trained_weights(optimizer, class_weight=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(1, kernel_initializer="zeros"),
    ])
    model.compile(optimizer=optimizer,
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    model.fit(data, epochs=1, steps_per_epoch=50, shuffle=False, verbose=0,
              class_weight=class_weight)
    return np.concatenate([w.ravel() for w in model.get_weights()])


SGD, Adam = keras.optimizers.SGD, keras.optimizers.Adam
doubled = {0: 2.0, 1: 2.0}  # every sample's weight doubled
runs = [
    ("SGD,  lr 0.1", SGD(learning_rate=0.1), None),
    ("SGD,  lr 0.1, doubled", SGD(learning_rate=0.1), doubled),
    ("SGD,  lr 0.2", SGD(learning_rate=0.2), None),
    ("Adam, lr 0.1", Adam(learning_rate=0.1), None),
    ("Adam, lr 0.1, doubled", Adam(learning_rate=0.1), doubled),
]
trained = {}
for name, optimizer, class_weight in runs:
    trained[name] = trained_weights(optimizer, class_weight)
    print(f"{name:22} {trained[name].round(3)}")
    #> SGD,  lr 0.1           [ 0.421  0.132 -1.23 ]
    #> SGD,  lr 0.1, doubled  [ 0.655  0.227 -1.791]
    #> SGD,  lr 0.2           [ 0.655  0.227 -1.791]
    #> Adam, lr 0.1           [ 1.369  0.549 -3.093]
    #> Adam, lr 0.1, doubled  [ 1.369  0.549 -3.093]
# Do the two Adam runs differ by less than 0.00001 everywhere?
gap = np.abs(trained["Adam, lr 0.1"] - trained["Adam, lr 0.1, doubled"]).max()
print(gap < 1e-5)
#> True
