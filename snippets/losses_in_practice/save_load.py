import json
import warnings
import zipfile

import keras
import numpy as np

keras.utils.set_random_seed(0)


def pinball_90(y_true, y_pred):  # the function of custom_loss.py
    error = y_true - y_pred
    return keras.ops.mean(keras.ops.maximum(0.9 * error, -0.1 * error), axis=-1)


class QuantileLoss(keras.losses.Loss):  # the class of loss_subclass.py
    def __init__(self, quantile=0.5, name="quantile", **kwargs):
        super().__init__(name=name, **kwargs)
        self.quantile = quantile

    def call(self, y_true, y_pred):
        error = y_true - y_pred
        q = self.quantile
        return keras.ops.mean(keras.ops.maximum(q * error, (q - 1) * error),
                              axis=-1)

    def get_config(self):
        return {**super().get_config(), "quantile": self.quantile}


x = np.linspace(-1, 1, 8, dtype="float32")[:, None]
y = 2 * x + 1


def compile_and_save(loss, path):  # a trained model is saved the same way
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss=loss)
    with warnings.catch_warnings():  # NumPy 2's warning (see Building models)
        message = "__array__ implementation"  # only this DeprecationWarning
        warnings.filterwarnings("ignore", message, DeprecationWarning)
        model.save(path)
    return model


# The file stores the loss by name, with its config (get_config's dict).
model = compile_and_save(QuantileLoss(quantile=0.9), "quantile.keras")
config = json.loads(zipfile.ZipFile("quantile.keras").read("config.json"))
print(config["compile_config"]["loss"]["class_name"])
#> QuantileLoss
print(config["compile_config"]["loss"]["config"])
#> {'name': 'quantile', 'reduction': 'sum_over_batch_size', 'quantile': 0.9}

# 1. load_model can't turn that name back into a class it does not know.
try:
    keras.models.load_model("quantile.keras")
except TypeError as error:
    print(type(error).__name__, str(error).split(". ")[0])
    #> TypeError Could not locate class 'QuantileLoss'

# The same for a plain function.
compile_and_save(pinball_90, "pinball.keras")
try:
    keras.models.load_model("pinball.keras")
except TypeError as error:
    print(type(error).__name__, str(error).split(". ")[0])
    #> TypeError Could not locate function 'pinball_90'

# 2. compile=False loads the layers and weights, without the loss.
bare = keras.models.load_model("quantile.keras", compile=False)
print(bare.compiled, np.array_equal(bare(x), model(x)))
#> False True
try:
    bare.evaluate(x, y, verbose=0)
except ValueError as error:
    print(type(error).__name__, error)
    #> ValueError You must call `compile()` before using the model.

# 3. custom_objects: tell load_model which class (or function) a name means.
loaded = keras.models.load_model(
    "quantile.keras", custom_objects={"QuantileLoss": QuantileLoss}
)
print(type(loaded.loss).__name__, loaded.loss.quantile)
#> QuantileLoss 0.9
# The loaded model's compiled loss is that QuantileLoss(0.9):
reported = loaded.evaluate(x, y, verbose=0)
print(f"{reported:.6f} {QuantileLoss(quantile=0.9)(y, model(x)):.6f}")
#> 1.066929 1.066929
loaded = keras.models.load_model(
    "pinball.keras", custom_objects={"pinball_90": pinball_90}
)
print(loaded.loss.__name__)
#> pinball_90


# get_config matters: a Loss subclass without it saves and loads with no
# error, but comes back with the default arguments of its __init__.
class QuantileNoConfig(keras.losses.Loss):  # QuantileLoss, no get_config
    def __init__(self, quantile=0.5, name="quantile", **kwargs):
        super().__init__(name=name, **kwargs)
        self.quantile = quantile

    call = QuantileLoss.call


compile_and_save(QuantileNoConfig(quantile=0.9), "no_config.keras")
loaded = keras.models.load_model(
    "no_config.keras", custom_objects={"QuantileNoConfig": QuantileNoConfig}
)
print(type(loaded.loss).__name__, loaded.loss.quantile)
#> QuantileNoConfig 0.5

# 4. Or register the class once, and every load_model finds it. Usually
# written as the decorator @keras.saving.register_keras_serializable(...)
# on the line above `class QuantileLoss`; called on the class, it does the same.
keras.saving.register_keras_serializable(package="my_losses")(QuantileLoss)
print(keras.saving.get_registered_name(QuantileLoss))
#> my_losses>QuantileLoss
model = compile_and_save(QuantileLoss(quantile=0.9), "registered.keras")
loaded = keras.models.load_model("registered.keras")
print(type(loaded.loss).__name__, loaded.loss.quantile)
#> QuantileLoss 0.9
# A file saved before registering stores the bare name 'QuantileLoss', which
# registration does not add: it still needs custom_objects.
try:
    keras.models.load_model("quantile.keras")
except TypeError as error:
    print(type(error).__name__, str(error).split(". ")[0])
    #> TypeError Could not locate class 'QuantileLoss'
