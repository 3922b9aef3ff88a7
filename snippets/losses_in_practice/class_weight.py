import keras
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()

# Two classes in the plane: 180 points of class 0 around (0, 0), 20 of
# class 1 around (2, 1).
rng = np.random.default_rng(0)
labels = np.repeat([0, 1], [180, 20])
centers = np.array([[0.0, 0.0], [2.0, 1.0]])
x = (centers[labels] + rng.normal(size=(200, 2))).astype("float32")
y = labels[:, None].astype("float32")

# "Balanced" class weights: each class counts as much as the other in total.
counts = np.bincount(labels)
class_weight = {c: len(labels) / (2 * counts[c]) for c in (0, 1)}
print(counts, {c: round(float(w), 3) for c, w in class_weight.items()})
#> [180  20] {0: 0.556, 1: 5.0}


def train(class_weight=None, sample_weight=None):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(1, kernel_initializer="zeros"),  # one logit
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    # A dataset of (x, y) or (x, y, sample_weight), one batch served again
    # and again: 200 steps on the whole data set.
    parts = (x, y) if sample_weight is None else (x, y, sample_weight)
    data = tf.data.Dataset.from_tensors(parts).repeat()
    model.fit(data, epochs=1, steps_per_epoch=200, shuffle=False, verbose=0,
              class_weight=class_weight)
    return model


def describe(model):
    predicted = (model(x).numpy()[:, 0] > 0).astype(int)  # logit > 0: class 1
    accuracy = np.mean(predicted == labels)
    shares = [np.mean(predicted[labels == c] == c) for c in (0, 1)]
    found = f"class 0 found {shares[0]:.3f}  class 1 found {shares[1]:.3f}"
    return f"accuracy {accuracy:.3f}  {found}"


plain = train()
print(describe(plain))
#> accuracy 0.935  class 0 found 0.983  class 1 found 0.500
weighted = train(class_weight=class_weight)
print(describe(weighted))
#> accuracy 0.880  class 0 found 0.878  class 1 found 0.900

# class_weight is a sample weight chosen by each sample's label:
per_sample = np.where(labels == 1, class_weight[1], class_weight[0])
same = train(sample_weight=per_sample.astype("float32"))
print(describe(same))
#> accuracy 0.880  class 0 found 0.878  class 1 found 0.900
pairs = zip(weighted.get_weights(), same.get_weights())
print(all(np.array_equal(a, b) for a, b in pairs))
#> True

# What fit reported is the mean of the 200 steps' losses, each taken before
# its own step, with the class weights; evaluate uses the final weights and
# no class weights: class_weight exists in fit only.
bce = keras.losses.BinaryCrossentropy(from_logits=True, reduction=None)
weighted_now = np.mean(per_sample * bce(y, weighted(x)).numpy())
reported = weighted.history.history["loss"]
evaluated = weighted.evaluate(x, y, verbose=0)
numbers = f"{weighted_now:.4f}; evaluate {evaluated:.4f}"
print(f"fit {len(reported)} loss, {reported[0]:.4f}; weighted now {numbers}")
#> fit 1 loss, 0.2952; weighted now 0.2803; evaluate 0.3137
try:
    weighted.evaluate(x, y, class_weight=class_weight, verbose=0)
except ValueError as error:
    print(type(error).__name__, str(error).split(":")[0])
    #> ValueError Arguments not recognized
