import keras
import numpy as np
import tensorflow as tf

# Exactly repeatable runs, so that np.array_equal can compare them:
tf.config.experimental.enable_op_determinism()

# The imbalanced data of the Class weights section.
rng = np.random.default_rng(0)
labels = np.repeat([0, 1], [180, 20])
centers = np.array([[0.0, 0.0], [2.0, 1.0]])
x = (centers[labels] + rng.normal(size=(200, 2))).astype("float32")
y = labels[:, None].astype("float32")
# All 200 samples in one batch, served again and again.
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def trained_weights(optimizer, class_weight=None):
    """The model's weights after 50 steps:
    its two kernel weights, then its bias."""
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(1, kernel_initializer="zeros"),
    ])
    model.compile(optimizer=optimizer,
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    model.fit(data, epochs=1, steps_per_epoch=50, shuffle=False,
              verbose=0, class_weight=class_weight)
    return np.concatenate([w.ravel() for w in model.get_weights()])


SGD, Adam = keras.optimizers.SGD, keras.optimizers.Adam
# Every sample's weight doubled ("x2" below):
doubled = {0: 2.0, 1: 2.0}
runs = [
    ("SGD 0.1", SGD(learning_rate=0.1), None),
    ("SGD 0.1 x2", SGD(learning_rate=0.1), doubled),
    # SGD with twice the learning rate:
    ("SGD 0.2", SGD(learning_rate=0.2), None),
    ("Adam 0.1", Adam(learning_rate=0.1), None),
    ("Adam 0.1 x2", Adam(learning_rate=0.1), doubled),
]
trained = {}
for name, optimizer, class_weight in runs:
    trained[name] = trained_weights(optimizer, class_weight)
    print(f"{name:11} {trained[name].round(3)}")
    #> SGD 0.1     [ 0.421  0.132 -1.23 ]
    #> SGD 0.1 x2  [ 0.655  0.227 -1.791]
    #> SGD 0.2     [ 0.655  0.227 -1.791]
    #> Adam 0.1    [ 1.369  0.549 -3.093]
    #> Adam 0.1 x2 [ 1.369  0.549 -3.093]
# SGD with doubled sample weights, and SGD with
# twice the learning rate: identical?
print(np.array_equal(trained["SGD 0.1 x2"], trained["SGD 0.2"]))
#> True
# The two Adam runs: less than 0.00001 apart
# everywhere?
gap = np.abs(trained["Adam 0.1"] - trained["Adam 0.1 x2"]).max()
print(gap < 1e-5)
#> True
# Adam's small constant, epsilon, and the epsilon that
# clips probabilities (keras.config), by default:
print(Adam().epsilon, keras.config.epsilon())
#> 1e-07 1e-07
# Changing keras.config's leaves Adam's alone:
keras.config.set_epsilon(1e-3)
print(Adam().epsilon, keras.config.epsilon())
#> 1e-07 0.001
keras.config.set_epsilon(1e-7)
# The two Adam runs again, with epsilon=0.0:
# identical?
no_epsilon = [
    trained_weights(Adam(learning_rate=0.1, epsilon=0.0), class_weight)
    for class_weight in (None, doubled)
]
print(np.array_equal(*no_epsilon))
#> True
